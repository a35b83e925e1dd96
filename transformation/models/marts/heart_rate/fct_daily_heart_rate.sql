-- A table rebuilt from the hourly mart (one row per hour and source, small), the day's samples and
-- the athlete's heart-rate zones.

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

zones as (

    select * from {{ ref('stg_strava__athlete_zones') }}

    where zone_type = 'heart_rate'

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

    group by cast(hour_started_at at time zone 'UTC' as date)

),

resting as (

    -- resting estimate: the 10th percentile of the day's plausible samples from wearables (Strava
    -- streams are workouts, so they do not count); Voyager's own estimate, not Fitbit's algorithm
    select
        cast(sampled_at at time zone 'UTC' as date) as date_day,
        percentile_cont(0.1) within group (order by heart_rate_bpm) as resting_heart_rate_estimate_bpm

    from samples

    where is_plausible

    group by cast(sampled_at at time zone 'UTC' as date)

),

athlete_zones as (

    -- Voyager holds one person's data: the heart-rate zones of the athlete whose zones were
    -- loaded last (Strava's GET /athlete/zones)
    select
        zone_index,
        lower_bound,
        upper_bound

    from zones

    where athlete_id = (
        select latest.athlete_id
        from zones as latest
        order by latest.loaded_at desc, latest.athlete_id asc
        limit 1
    )

),

readings as (

    -- one timeline of every wearable's plausible readings (Strava streams are workouts a wearable
    -- also records, so they do not count twice): a reading holds until the next reading of any
    -- wearable, so overlapping devices never add up to more than the day; a gap over 60 s (the
    -- wearable was off or not recording) adds no time, nor does the last reading
    select
        sampled_at,
        heart_rate_bpm,
        extract(epoch from lead(sampled_at) over (order by sampled_at, series_id) - sampled_at) as gap_s

    from samples

    where is_plausible

),

zone_seconds as (

    select
        cast(readings.sampled_at at time zone 'UTC' as date) as date_day,
        athlete_zones.zone_index,
        sum(case when readings.gap_s <= 60 then readings.gap_s else 0 end) as seconds

    from readings

    inner join athlete_zones
        on readings.heart_rate_bpm >= athlete_zones.lower_bound
        and (athlete_zones.upper_bound is null or readings.heart_rate_bpm < athlete_zones.upper_bound)

    group by cast(readings.sampled_at at time zone 'UTC' as date), athlete_zones.zone_index

),

daily_zones as (

    -- Strava gives five heart-rate zones; a day with readings has all five (0 when none fell there)
    select
        date_day,
        cast(round(coalesce(sum(seconds) filter (where zone_index = 1), 0)) as integer) as time_in_zone_1_s,
        cast(round(coalesce(sum(seconds) filter (where zone_index = 2), 0)) as integer) as time_in_zone_2_s,
        cast(round(coalesce(sum(seconds) filter (where zone_index = 3), 0)) as integer) as time_in_zone_3_s,
        cast(round(coalesce(sum(seconds) filter (where zone_index = 4), 0)) as integer) as time_in_zone_4_s,
        cast(round(coalesce(sum(seconds) filter (where zone_index = 5), 0)) as integer) as time_in_zone_5_s

    from zone_seconds

    group by date_day

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
        round(cast(resting.resting_heart_rate_estimate_bpm as numeric), 1) as resting_heart_rate_estimate_bpm,
        daily_zones.time_in_zone_1_s,
        daily_zones.time_in_zone_2_s,
        daily_zones.time_in_zone_3_s,
        daily_zones.time_in_zone_4_s,
        daily_zones.time_in_zone_5_s,
        daily.hours_with_samples,
        daily.sample_count

    from daily

    left join resting
        on daily.date_day = resting.date_day

    left join daily_zones
        on daily.date_day = daily_zones.date_day

    left join dates
        on daily.date_day = dates.date_day

)

select * from final
