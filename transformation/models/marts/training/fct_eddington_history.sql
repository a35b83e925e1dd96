-- Eddington number E: the largest n such that on n days the distance was at least n (km or
-- miles), after Sir Arthur Eddington's cycling number (as Strava and Statistics for Strava count
-- it: distance per calendar day, local time). One row per number reached, with the day it was
-- reached: the n-th day of at least n units. E only grows, so E on a date is the largest number
-- reached by then. Overall (sport type 'All') and per sport type.

with

activities as (

    -- one row per real-world activity: a device file of a Strava activity counts once (issue 15)
    select * from {{ ref('fct_activities') }}

    where not is_deleted and distance_m > 0

),

daily as (

    select
        cast(started_at_local as date) as activity_date,
        sport_type,
        sum(distance_m) as distance_m

    from activities

    group by cast(started_at_local as date), sport_type

),

scoped_days as (

    select
        activity_date,
        'All' as sport_type,
        sum(distance_m) as distance_m

    from daily

    group by activity_date

    union all

    select
        activity_date,
        sport_type,
        distance_m

    from daily

),

unit_days as (

    select
        scoped_days.activity_date,
        scoped_days.sport_type,
        units.distance_unit,
        scoped_days.distance_m / units.unit_m as distance

    from scoped_days

    -- 1 mile = 1609.344 m exactly (international mile)
    cross join (values ('km', 1000.0), ('mi', 1609.344)) as units (distance_unit, unit_m)

),

levels as (

    select
        unit_days.activity_date,
        unit_days.sport_type,
        unit_days.distance_unit,
        series.n

    from unit_days

    cross join lateral generate_series(1, cast(floor(unit_days.distance) as int)) as series (n)

),

numbered as (

    select
        *,
        row_number() over (partition by sport_type, distance_unit, n order by activity_date) as day_number

    from levels

),

final as (

    select
        sport_type || '-' || distance_unit || '-' || cast(n as text) as eddington_step_id,
        sport_type,
        distance_unit,
        n as eddington_number,
        activity_date as reached_on

    from numbered

    where day_number = n

)

select * from final
