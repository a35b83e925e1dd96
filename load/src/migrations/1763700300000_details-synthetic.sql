-- Up Migration
-- Details the Strava simulator generates carry `synthetic: true` (extract/README.md, "Simulator").
alter table raw.strava_activity_details add column synthetic boolean;

-- Down Migration
alter table raw.strava_activity_details drop column synthetic;
