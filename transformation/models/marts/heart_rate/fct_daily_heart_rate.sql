-- A table rebuilt from the hourly mart (one row per hour and source, small) and the day's samples.

with

hourly_by_source as (

    select * from {{ ref('fct_hourly_max_heart_rate') }}

),

samples as (

    select * from {{ ref('stg_heart_rate__samples') }}

),

dates as (

    select * from {{ ref('dim_date') }}

),

hourly as (

    -- one maximum per hour across sources
    select
        hour_started_at,
        max(max_heart_rate_bpm) as max_heart_rate_bpm,
        sum(sample_count) as sample_count

    from hourly_by_source

    group by hour_started_at

),

daily as (

    select
        cast(hour_started_at at time zone 'UTC' as date) as date_day,
        max(max_heart_rate_bpm) as max_heart_rate_bpm,
        avg(max_heart_rate_bpm) as avg_hourly_max_heart_rate_bpm,
        (array_agg(max_heart_rate_bpm order by hour_started_at desc))[1] as latest_hourly_max_heart_rate_bpm,
        count(*) as hours_with_samples,
        sum(sample_count) as sample_count

    from hourly

    group by 1

),

resting as (

    -- resting estimate: the 10th percentile of the day's plausible samples from wearables (Strava
    -- streams are workouts, so they do not count); Voyager's own estimate, not Fitbit's algorithm
    select
        cast(sampled_at at time zone 'UTC' as date) as date_day,
        percentile_cont(0.1) within group (order by heart_rate_bpm) as resting_heart_rate_estimate_bpm

    from samples

    where is_plausible

    group by 1

),

final as (

    select
        daily.date_day,
        dates.iso_week_start_date,
        dates.is_weekend,
        daily.max_heart_rate_bpm,
        round(daily.avg_hourly_max_heart_rate_bpm, 1) as avg_hourly_max_heart_rate_bpm,
        daily.latest_hourly_max_heart_rate_bpm,
        max(daily.max_heart_rate_bpm) over (order by daily.date_day) as running_max_heart_rate_bpm,
        round(resting.resting_heart_rate_estimate_bpm::numeric, 1) as resting_heart_rate_estimate_bpm,
        daily.hours_with_samples,
        daily.sample_count

    from daily

    left join resting
        on daily.date_day = resting.date_day

    left join dates
        on daily.date_day = dates.date_day

)

select * from final
