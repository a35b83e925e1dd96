-- Training load per activity, from the best source it has:
--   power: TSS = moving_s * WAP * IF / (FTP * 3600) * 100 with IF = WAP / FTP (Coggan; WAP the
--          30-s weighted average power, "normalized power"); needs a power stream and an FTP;
--   heart_rate: Banister TRIMP = sum over the recording of minutes * HRr * a * exp(b * HRr),
--          HRr = (HR - HRrest) / (HRmax - HRrest) clamped to 0..1, a = 0.64, b = 1.92 for men and
--          a = 0.86, b = 1.67 for women (Banister 1991; Morton et al. 1990, J Appl Physiol 69);
--          HRmax the setting, else the lower bound of the athlete's top Strava heart-rate zone, else
--          the highest reading of any stream;
--   relative_effort: Strava's relative effort (suffer_score) when neither stream exists.

{% set max_hr_setting = var('training_max_heart_rate_bpm', 0) %}
{% set resting_hr_setting = var('training_resting_heart_rate_bpm', 0) %}
{% set ftp_setting = var('training_ftp_w', 0) %}

with

activities as (

    -- one row per real-world activity: a device file of a Strava activity counts once (issue 15)
    select * from {{ ref('fct_activities') }}

    where not is_deleted

),

athletes as (

    select * from {{ ref('stg_strava__athlete') }}

),

stream_records as (

    -- the record whose streams stand for each activity (a device file beats the export and the
    -- API, fct_activity_sources.wins_streams): the stream marts hold one row set per record
    select
        source_activity_id,
        activity_id

    from {{ ref('fct_activity_sources') }}

    where wins_streams

),

heart_rate_seconds as (

    select
        stream_records.activity_id,
        seconds.heart_rate_bpm,
        seconds.duration_s

    from {{ ref('fct_activity_heart_rate_seconds') }} as seconds

    inner join stream_records
        on seconds.activity_id = stream_records.source_activity_id

),

stream_metrics as (

    select
        stream_records.activity_id,
        metrics.moving_time_s,
        metrics.weighted_average_power_w

    from {{ ref('fct_activity_stream_metrics') }} as metrics

    inner join stream_records
        on metrics.activity_id = stream_records.source_activity_id

),

zone_maximums as (

    -- the maximum heart rate from the athlete's Strava heart-rate zones (GET /athlete/zones): the
    -- lower bound of the top zone, the open-ended one Strava starts near the maximum (the zones
    -- carry no maximum of their own); athletes without heart-rate zones have no row
    select
        athlete_id,
        max(lower_bound) as max_heart_rate_bpm

    from {{ ref('stg_strava__athlete_zones') }}

    where zone_type = 'heart_rate'

    group by athlete_id

    having max(lower_bound) > 0

),

estimated_maximum as (

    -- the highest reading of any stream (estimated from the data), for athletes without zones
    select max(heart_rate_bpm) as max_heart_rate_bpm

    from heart_rate_seconds

),

heart_rate_limits as (

    -- per activity, the athlete's maximum: the setting, else the top heart-rate zone's lower bound,
    -- else the estimate; resting: the setting, else 60 bpm (no source here measures it)
    select
        activities.activity_id,
        athletes.sex,
        case
            when {{ max_hr_setting }} > 0 then {{ max_hr_setting }}
            when zone_maximums.max_heart_rate_bpm is not null then zone_maximums.max_heart_rate_bpm
            else estimated_maximum.max_heart_rate_bpm
        end as max_heart_rate_bpm,
        case
            when {{ max_hr_setting }} > 0 then 'setting'
            when zone_maximums.max_heart_rate_bpm is not null then 'strava_heart_rate_zones'
            else 'highest_stream_reading'
        end as max_heart_rate_method,
        coalesce(nullif({{ resting_hr_setting }}, 0), 60) as resting_heart_rate_bpm,
        case when {{ resting_hr_setting }} > 0 then 'setting' else 'default_60_bpm' end as resting_heart_rate_method

    from activities

    left join athletes
        on activities.athlete_id = athletes.athlete_id

    left join zone_maximums
        on activities.athlete_id = zone_maximums.athlete_id

    cross join estimated_maximum

),

reserve as (

    -- the heart-rate reserve fraction of each whole bpm, clamped to 0..1
    select
        heart_rate_seconds.activity_id,
        heart_rate_seconds.duration_s,
        least(greatest(
            cast(heart_rate_seconds.heart_rate_bpm - heart_rate_limits.resting_heart_rate_bpm as numeric)
            / nullif(heart_rate_limits.max_heart_rate_bpm - heart_rate_limits.resting_heart_rate_bpm, 0),
            0
        ), 1) as fraction

    from heart_rate_seconds

    inner join heart_rate_limits
        on heart_rate_seconds.activity_id = heart_rate_limits.activity_id

),

trimp as (

    select
        reserve.activity_id,
        sum(
            reserve.duration_s / 60.0
            * reserve.fraction
            * case when heart_rate_limits.sex = 'F' then 0.86 else 0.64 end
            * exp(case when heart_rate_limits.sex = 'F' then 1.67 else 1.92 end * reserve.fraction)
        ) as trimp

    from reserve

    inner join heart_rate_limits
        on reserve.activity_id = heart_rate_limits.activity_id

    group by reserve.activity_id

),

thresholds as (

    select
        stream_metrics.activity_id,
        stream_metrics.moving_time_s,
        stream_metrics.weighted_average_power_w,
        coalesce(nullif({{ ftp_setting }}, 0), athletes.ftp_w) as ftp_w

    from stream_metrics

    inner join activities
        on stream_metrics.activity_id = activities.activity_id

    left join athletes
        on activities.athlete_id = athletes.athlete_id

),

power_load as (

    -- moving_s x WAP x IF / (FTP x 3600) x 100 = moving_s x WAP^2 / FTP^2 / 36
    select
        activity_id,
        weighted_average_power_w,
        ftp_w,
        weighted_average_power_w / ftp_w as intensity_factor,
        moving_time_s * power(weighted_average_power_w, 2) / power(ftp_w, 2) / 36.0 as power_training_load

    from thresholds

    where weighted_average_power_w is not null and ftp_w > 0

),

final as (

    select
        activities.activity_id,
        activities.sport_type,
        cast(activities.started_at_local as date) as activity_date,
        case
            when power_load.power_training_load is not null then 'power'
            when trimp.trimp is not null then 'heart_rate'
            when activities.suffer_score is not null then 'relative_effort'
            else 'none'
        end as load_method,
        round(
            coalesce(power_load.power_training_load, trimp.trimp, activities.suffer_score, 0), 3
        ) as training_load,
        round(power_load.power_training_load, 3) as power_training_load,
        round(power_load.weighted_average_power_w, 3) as weighted_average_power_w,
        power_load.ftp_w,
        round(power_load.intensity_factor, 4) as intensity_factor,
        round(trimp.trimp, 3) as heart_rate_trimp,
        case when trimp.trimp is not null then coalesce(heart_rate_limits.sex, 'M') end as trimp_constants_sex,
        case when trimp.trimp is not null then heart_rate_limits.max_heart_rate_bpm end as max_heart_rate_bpm,
        case when trimp.trimp is not null then heart_rate_limits.max_heart_rate_method end as max_heart_rate_method,
        case when trimp.trimp is not null then heart_rate_limits.resting_heart_rate_bpm end as resting_heart_rate_bpm,
        case
            when trimp.trimp is not null then heart_rate_limits.resting_heart_rate_method
        end as resting_heart_rate_method,
        activities.suffer_score as relative_effort

    from activities

    left join power_load
        on activities.activity_id = power_load.activity_id

    left join trimp
        on activities.activity_id = trimp.activity_id

    left join heart_rate_limits
        on activities.activity_id = heart_rate_limits.activity_id

)

select * from final
