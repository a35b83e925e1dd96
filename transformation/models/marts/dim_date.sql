with

activities as (

    select * from {{ ref('stg_strava__activities') }}

),

workouts as (

    select * from {{ ref('stg_lifting__sets') }}

),

event_days as (

    select cast(started_at_local as date) as event_day from activities
    union all
    select workout_date as event_day from workouts

),

bounds as (

    -- whole calendar years around the activities and workouts, so every event date has its row
    select
        cast(date_trunc('year', min(event_day)) as date) as first_day,
        cast(date_trunc('year', max(event_day)) + interval '1 year' - interval '1 day' as date) as last_day

    from event_days

),

days as (

    select cast(series_day as date) as date_day

    from bounds
    cross join lateral generate_series(first_day, last_day, interval '1 day') as series_day

),

final as (

    select
        date_day,
        cast(extract(year from date_day) as int) as year_number,
        cast(extract(quarter from date_day) as int) as quarter_number,
        cast(extract(month from date_day) as int) as month_number,
        to_char(date_day, 'FMMonth') as month_name,
        cast(extract(isoyear from date_day) as int) as iso_year,
        cast(extract(week from date_day) as int) as iso_week,
        cast(date_trunc('week', date_day) as date) as iso_week_start_date,
        cast(extract(isodow from date_day) as int) as iso_day_of_week,
        to_char(date_day, 'FMDay') as day_name,
        extract(isodow from date_day) in (6, 7) as is_weekend

    from days

)

select * from final
