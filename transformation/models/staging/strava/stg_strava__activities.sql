with

source as (

    select * from {{ source('strava', 'activities') }}

),

deletions as (

    select * from {{ source('strava', 'activity_deletions') }}

),

renamed as (

    select
        ---------- ids
        activity_id,
        athlete_id,
        nullif(gear_id, '') as gear_id,
        nullif(external_id, '') as external_id,

        ---------- text
        name as activity_name,
        sport_type,
        type as activity_type,
        workout_type,
        timezone,
        coalesce(source, 'api') as record_source,

        ---------- numerics (metres, seconds, metres per second, bpm)
        distance_m::numeric as distance_m,
        moving_time_s::int as moving_time_s,
        elapsed_time_s::int as elapsed_time_s,
        total_elevation_gain_m::numeric as total_elevation_gain_m,
        average_speed_m_per_s::numeric as average_speed_m_per_s,
        max_speed_m_per_s::numeric as max_speed_m_per_s,
        average_heartrate_bpm::numeric as average_heartrate_bpm,
        max_heartrate_bpm::numeric as max_heartrate_bpm,
        average_cadence_rpm::numeric as average_cadence_rpm,
        average_watts::numeric as average_power_w,
        kilojoules::numeric as energy_kj,
        suffer_score::numeric as suffer_score,
        kudos_count,
        achievement_count,
        pr_count,
        average_temp_c::numeric as average_temperature_c,
        elev_high_m::numeric as elevation_high_m,
        elev_low_m::numeric as elevation_low_m,

        ---------- booleans
        coalesce(has_heartrate, false) as has_heartrate,
        coalesce(trainer, false) as is_trainer,
        coalesce(commute, false) as is_commute,
        coalesce(manual, false) as is_manual,
        coalesce(private, false) as is_private,

        ---------- timestamps
        start_date as started_at,
        -- bulk-export rows have no local time: their UTC wall time stands in
        coalesce(start_date_local, start_date at time zone 'UTC') as started_at_local,
        utc_offset_s::int as utc_offset_s,
        deleted_at,
        deleted_at is not null as is_deleted,
        _loaded_at as loaded_at,

        ---------- route (last, so an existing view gains a column in place)
        -- Strava's encoded polyline of the route, simplified (precision 5); '' when it has none
        nullif(summary_polyline, '') as summary_polyline

    from source

),

final as (

    select
        renamed.*,
        -- when Strava listed the activity again after a detected deletion: the listing's upsert
        -- cleared deleted_at and the deletion row stays, so the row's load time is the re-listing
        -- (the incremental training marts rebuild the activity from it)
        case
            when not renamed.is_deleted and deletions.activity_id is not null then renamed.loaded_at
        end as relisted_at

    from renamed

    left join deletions
        on renamed.activity_id = deletions.activity_id

)

select * from final
