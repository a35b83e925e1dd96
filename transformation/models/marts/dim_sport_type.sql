with

activities as (

    select * from {{ ref('stg_strava__activities') }}

),

matched_records as (

    -- records of another activity (a device file of a Strava activity, fct_activity_sources): left
    -- out, as fct_activities does, so a real-world activity counts once (fct_activities itself
    -- cannot be read here: its tests' relationships read this model)
    select source_activity_id

    from {{ ref('fct_activity_sources') }}

    where source_activity_id <> activity_id

),

sport_types as (

    select
        sport_type,
        count(*) as activity_count,
        min(started_at) as first_activity_at,
        max(started_at) as last_activity_at

    from activities

    where activity_id not in (select matched_records.source_activity_id from matched_records)

    group by sport_type

),

final as (

    select
        sport_type,
        case
            when sport_type in ('Run', 'TrailRun', 'VirtualRun') then 'run'
            when sport_type in ('Walk', 'Hike') then 'walk'
            when sport_type like '%Ride' or sport_type in ('Handcycle', 'Velomobile') then 'ride'
            when sport_type in ('Swim') then 'swim'
            when sport_type in (
                'AlpineSki', 'BackcountrySki', 'NordicSki', 'Snowboard', 'Snowshoe', 'IceSkate'
            ) then 'winter'
            when sport_type in (
                'Rowing', 'VirtualRow', 'Canoeing', 'Kayaking', 'StandUpPaddling', 'Surfing', 'Kitesurf',
                'Windsurf', 'Sail'
            ) then 'water'
            else 'other'
        end as sport_family,
        activity_count,
        first_activity_at,
        last_activity_at

    from sport_types

)

select * from final
