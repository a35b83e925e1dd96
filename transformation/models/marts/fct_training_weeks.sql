with

activities as (

    -- one row per real-world activity: a device file of a Strava activity counts once (issue 15)
    select * from {{ ref('fct_activities') }}

),

weekly as (

    -- ISO weeks (Monday to Sunday) of the local start date
    select
        cast(date_trunc('week', started_at_local) as date) as week_start_date,
        sport_type,
        count(*) as activity_count,
        sum(distance_m) as distance_m,
        sum(moving_time_s) as moving_time_s,
        sum(total_elevation_gain_m) as elevation_gain_m

    from activities

    where not is_deleted

    group by 1, 2

),

final as (

    select
        to_char(week_start_date, 'IYYY-"W"IW') || '-' || sport_type as training_week_id,
        week_start_date,
        cast(extract(isoyear from week_start_date) as int) as iso_year,
        cast(extract(week from week_start_date) as int) as iso_week,
        sport_type,
        activity_count,
        distance_m,
        round(distance_m / 1000.0, 3) as distance_km,
        moving_time_s,
        elevation_gain_m

    from weekly

)

select * from final
