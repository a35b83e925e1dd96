-- Up Migration
-- The stream points get their key back, checked at commit (deferrable): the bulk load COPYs an
-- activity's new points first and deletes its earlier ones afterwards, in one transaction, so the
-- key holds after every load and the COPY stays a straight append (issue 13 point 2). The key's
-- index replaces the plain (activity_id, point_index) index of the bulk-stream migration.
--
-- Works on a filled table: points repeated under one key (none should exist: the loader replaces
-- an activity as a whole) keep the newest load's row.
delete from raw.strava_activity_streams
where ctid in (
  select ctid
  from (
    select
      ctid,
      row_number() over (
        partition by activity_id, point_index order by _loaded_at desc, ctid desc
      ) as n
    from raw.strava_activity_streams
    where (activity_id, point_index) in (
      select activity_id, point_index
      from raw.strava_activity_streams
      group by activity_id, point_index
      having count(*) > 1
    )
  ) ranked
  where n > 1
);
alter table raw.strava_activity_streams
  add constraint strava_activity_streams_pkey primary key (activity_id, point_index)
  deferrable initially deferred;
drop index raw.strava_activity_streams_activity;
-- What changed since a time (incremental marts, tests of new points) and source freshness
-- (max(_loaded_at)) read this index, not the whole table. One load shares one _loaded_at (the
-- transaction's now()), so the index stays small (B-tree deduplication).
create index strava_activity_streams_loaded_at on raw.strava_activity_streams (_loaded_at);

-- Down Migration
drop index raw.strava_activity_streams_loaded_at;
create index strava_activity_streams_activity on raw.strava_activity_streams (activity_id, point_index);
alter table raw.strava_activity_streams drop constraint strava_activity_streams_pkey;
