-- Which records of which sources are the same real-world activity. A Strava activity arrives from
-- the API and the bulk export under one Strava id (one raw row); a device file of the inbox has
-- its own (negative) id and is matched to a Strava activity by start instant (within 60 s), sport
-- family and similar elapsed time or distance (within 10 %, at least 120 s / 200 m); device files
-- without a Strava activity are matched among themselves the same way. stg_files__match_overrides
-- wins over both rules.
with

activities as (

    select * from {{ ref('stg_strava__activities') }}

),

export_rows as (

    select distinct activity_id from {{ ref('stg_strava__export_activities') }}

),

overrides as (

    select * from {{ ref('stg_files__match_overrides') }}

),

records as (

    select
        activity_id,
        record_source,
        activity_name,
        sport_type,
        started_at,
        elapsed_time_s,
        distance_m,
        -- a device file's activity carries its file name as external_id (as Strava's uploads do)
        case when record_source in ('fit', 'gpx', 'tcx') then external_id end as file_name,
        case
            when sport_type in ('Run', 'TrailRun', 'VirtualRun') then 'run'
            when sport_type like '%Ride' then 'ride'
            when sport_type in ('Walk', 'Hike') then 'walk'
            else lower(sport_type)
        end as sport_family,
        -- streams: device file (FIT, then TCX, then GPX) beats the export beats the API summary
        case record_source
            when 'fit' then 1 when 'tcx' then 2 when 'gpx' then 3 when 'bulk_export' then 4 else 5
        end as streams_rank

    from activities
    where not is_deleted

),

pairs as (

    select
        f.activity_id as source_activity_id,
        c.activity_id as candidate_activity_id,
        c.activity_id > 0 as candidate_is_strava,
        c.streams_rank as candidate_rank,
        abs(extract(epoch from (f.started_at - c.started_at))) as start_offset_s

    from records as f
    inner join records as c
        on abs(extract(epoch from (f.started_at - c.started_at))) <= 60
        and f.sport_family = c.sport_family
        and (
            abs(f.elapsed_time_s - c.elapsed_time_s) <= greatest(120, 0.1 * c.elapsed_time_s)
            or abs(f.distance_m - c.distance_m) <= greatest(200, 0.1 * c.distance_m)
        )
    where f.activity_id < 0

),

strava_match as (

    select
        source_activity_id,
        candidate_activity_id,
        row_number() over (
            partition by source_activity_id order by start_offset_s, candidate_activity_id
        ) as pick

    from pairs
    where candidate_is_strava

),

file_match as (

    -- device files of no Strava activity: the best-ranked file of the group (itself included) stands for it
    select
        pairs.source_activity_id,
        pairs.candidate_activity_id,
        row_number() over (
            partition by pairs.source_activity_id
            order by pairs.candidate_rank, pairs.candidate_activity_id
        ) as pick

    from pairs
    where
        not pairs.candidate_is_strava
        and pairs.source_activity_id not in (select strava_match.source_activity_id from strava_match)
        and pairs.candidate_activity_id not in (select strava_match.source_activity_id from strava_match)

),

matched as (

    select
        r.activity_id as source_activity_id,
        r.record_source,
        r.streams_rank,
        r.started_at,
        r.elapsed_time_s,
        r.distance_m,
        r.activity_name,
        r.file_name,
        case
            when o.source_activity_id is not null then coalesce(o.same_as_activity_id, r.activity_id)
            else coalesce(s.candidate_activity_id, f.candidate_activity_id, r.activity_id)
        end as activity_id,
        case
            when o.source_activity_id is not null then 'override'
            when s.candidate_activity_id is not null or f.candidate_activity_id <> r.activity_id
                then 'start_time_and_sport'
            else 'self'
        end as match_rule,
        true as is_record

    from records as r
    left join overrides as o on r.activity_id = o.source_activity_id
    left join strava_match as s on r.activity_id = s.source_activity_id and s.pick = 1
    left join file_match as f on r.activity_id = f.source_activity_id and f.pick = 1

),

with_export as (

    select * from matched

    union all

    -- an activity the bulk export also holds (same Strava id, so one raw row from the API)
    select
        m.source_activity_id,
        'bulk_export' as record_source,
        4 as streams_rank,
        m.started_at,
        m.elapsed_time_s,
        m.distance_m,
        m.activity_name,
        null::text as file_name,
        m.activity_id,
        'strava_id' as match_rule,
        false as is_record

    from matched as m
    inner join export_rows as e on m.source_activity_id = e.activity_id
    where m.record_source = 'api'

),

ranked as (

    select
        with_export.*,
        row_number() over (
            partition by with_export.activity_id
            order by with_export.streams_rank, with_export.source_activity_id
        ) as streams_pick

    from with_export

),

final as (

    select
        r.activity_id,
        r.source_activity_id,
        r.record_source,
        r.file_name,
        r.match_rule,
        round(abs(extract(epoch from (r.started_at - c.started_at)))::numeric, 0) as start_offset_s,
        r.started_at,
        r.elapsed_time_s,
        r.distance_m,
        r.activity_name,
        r.is_record and r.source_activity_id = r.activity_id as is_canonical,
        r.streams_pick = 1 as wins_streams,
        case
            when r.is_record and r.source_activity_id = r.activity_id and r.activity_id > 0
                then 'summary, name, sport and gear: the Strava record (edited there later)'
            when r.is_record and r.source_activity_id = r.activity_id
                then 'summary: the device file (no Strava record)'
        end as won_summary_because,
        case
            when r.streams_pick = 1 and r.streams_rank <= 3 then 'streams: a device file beats the export and the API'
            when r.streams_pick = 1 then 'streams: no device file of this activity'
        end as won_streams_because

    from ranked as r
    left join records as c on r.activity_id = c.activity_id

)

select * from final
