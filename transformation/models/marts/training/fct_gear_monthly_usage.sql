-- Distance and moving time per gear and month, with the running total and what is left to the
-- gear's retirement distance (dim_gear). An activity's gear: its gear id, or the gear its
-- bulk-export row names.

with

activities as (

    -- one row per real-world activity: a device file of a Strava activity counts once (issue 15)
    select * from {{ ref('fct_activities') }}

    where not is_deleted

),

export_activities as (

    select * from {{ ref('stg_strava__export_activities') }}

),

gear as (

    select * from {{ ref('dim_gear') }}

),

activity_gear as (

    select
        activities.activity_id,
        cast(date_trunc('month', activities.started_at_local) as date) as month_start_date,
        activities.distance_m,
        activities.moving_time_s,
        coalesce(by_id.gear_key, by_name.gear_key) as gear_key

    from activities

    left join export_activities
        on activities.activity_id = export_activities.activity_id

    left join gear as by_id
        on activities.gear_id = by_id.gear_id

    left join gear as by_name
        on activities.gear_id is null and export_activities.gear_name = by_name.gear_name

),

monthly as (

    select
        gear_key,
        month_start_date,
        count(*) as activity_count,
        sum(distance_m) / 1000.0 as distance_km,
        sum(moving_time_s) as moving_time_s

    from activity_gear

    where gear_key is not null

    group by gear_key, month_start_date

),

final as (

    select
        monthly.gear_key || '-' || to_char(monthly.month_start_date, 'YYYY-MM') as gear_month_id,
        monthly.gear_key,
        gear.gear_name,
        gear.gear_type,
        monthly.month_start_date,
        monthly.activity_count,
        round(monthly.distance_km, 3) as distance_km,
        monthly.moving_time_s,
        round(
            sum(monthly.distance_km) over (partition by monthly.gear_key order by monthly.month_start_date), 3
        ) as cumulative_distance_km,
        gear.retirement_distance_km,
        round(
            gear.retirement_distance_km
            - sum(monthly.distance_km) over (partition by monthly.gear_key order by monthly.month_start_date),
            3
        ) as remaining_to_retirement_km

    from monthly

    inner join gear
        on monthly.gear_key = gear.gear_key

)

select * from final
