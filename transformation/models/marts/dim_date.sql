with

activities as (

    select * from {{ ref('stg_strava__activities') }}

),

bounds as (

    -- whole calendar years from 2000 (or the first activity, if earlier) to the year after the
    -- latest activity or today, so every activity and lifting-workout date has its row
    -- (least/greatest skip the nulls of an empty table)
    select
        cast(least(date_trunc('year', min(started_at_local)), timestamp '2000-01-01') as date) as first_day,
        cast(
            greatest(date_trunc('year', max(started_at_local)), date_trunc('year', current_date))
            + interval '2 years' - interval '1 day' as date
        ) as last_day

    from activities

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
