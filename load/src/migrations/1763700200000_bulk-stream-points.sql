-- Up Migration
-- Stream points are a bulk table: COPY goes straight into it (no staging, no unique key to
-- check per row); the loader replaces each activity's points as a whole, so (activity_id,
-- point_index) stays unique by construction. The loader sets voyager.source_object per transaction.
alter table raw.strava_activity_streams drop constraint strava_activity_streams_pkey;
create index strava_activity_streams_activity on raw.strava_activity_streams (activity_id, point_index);
alter table raw.strava_activity_streams
  alter column _source_object set default current_setting('voyager.source_object'),
  alter column _loaded_at set default now();

-- Down Migration
alter table raw.strava_activity_streams
  alter column _source_object drop default,
  alter column _loaded_at drop default;
drop index raw.strava_activity_streams_activity;
alter table raw.strava_activity_streams add primary key (activity_id, point_index);
