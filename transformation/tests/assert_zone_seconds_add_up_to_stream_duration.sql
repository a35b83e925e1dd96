{#
  The seconds of an activity's heart-rate zones (zone 0 included) add up to the duration of
  its stream: the last point's elapsed seconds minus the first's. Returns the activities where
  they differ by more than a millisecond; an empty result passes. Checks the activities of the
  newest load (the rest were checked when they were loaded).
#}
with

zone_totals as (

    -- by the record whose stream gave the rows (an activity's winning record)
    select
        zones.source_activity_id as activity_id,
        sum(zones.time_in_zone_s) as zone_s

    from {{ ref('fct_heart_rate_zones') }} as zones

    -- the activities of the newest load: the test costs what a run built, not the whole history
    where
        zones.streams_loaded_at
        >= (select max(newest.streams_loaded_at) as latest from {{ ref('fct_heart_rate_zones') }} as newest)

    group by zones.source_activity_id

),

stream_durations as (

    select
        activity_id,
        max(elapsed_s) - min(elapsed_s) as duration_s

    from {{ ref('stg_strava__activity_streams') }}

    -- an array, not a join: the condition reaches the raw table's key through the staging view
    where activity_id = any(array(select zone_totals.activity_id from zone_totals))

    group by activity_id

)

select
    zone_totals.activity_id,
    zone_totals.zone_s,
    stream_durations.duration_s

from zone_totals

left join stream_durations
    on zone_totals.activity_id = stream_durations.activity_id

where
    stream_durations.duration_s is null
    or abs(zone_totals.zone_s - stream_durations.duration_s) > 0.001
