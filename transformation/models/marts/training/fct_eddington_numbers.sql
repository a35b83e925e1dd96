-- The current Eddington number per sport type ('All' for every activity) and unit, and how many
-- more days of at least E + 1 units it takes to reach E + 1 (see fct_eddington_history).

with

history as (

    select * from {{ ref('fct_eddington_history') }}

),

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
        'All' as sport_type,
        sum(distance_m) as distance_m

    from daily

    group by activity_date

    union all

    select
        sport_type,
        distance_m

    from daily

),

current_numbers as (

    select
        sport_type,
        distance_unit,
        max(eddington_number) as eddington_number,
        max(reached_on) as reached_on

    from history

    group by sport_type, distance_unit

),

next_level_days as (

    select
        current_numbers.sport_type,
        current_numbers.distance_unit,
        count(*) as day_count

    from current_numbers

    inner join scoped_days
        on current_numbers.sport_type = scoped_days.sport_type

    where
        scoped_days.distance_m / case when current_numbers.distance_unit = 'km' then 1000.0 else 1609.344 end
        >= current_numbers.eddington_number + 1

    group by current_numbers.sport_type, current_numbers.distance_unit

),

final as (

    select
        current_numbers.sport_type || '-' || current_numbers.distance_unit as eddington_id,
        current_numbers.sport_type,
        current_numbers.distance_unit,
        current_numbers.eddington_number,
        current_numbers.reached_on,
        cast(current_numbers.eddington_number + 1 - coalesce(next_level_days.day_count, 0) as int) as days_to_next

    from current_numbers

    left join next_level_days
        on current_numbers.sport_type = next_level_days.sport_type
        and current_numbers.distance_unit = next_level_days.distance_unit

)

select * from final
