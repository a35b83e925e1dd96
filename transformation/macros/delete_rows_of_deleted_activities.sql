{#
  The post-hook of the per-activity training marts: deletes this model's rows of activities deleted
  upstream (`is_deleted` in `activities`, stg_strava__activities). Their stream points stay in raw,
  so no incremental batch holds these activities, and delete+insert (which replaces only the keys of
  its batch) would keep their rows; a full build leaves them out, so after the hook an incremental
  build holds the rows a full build would.
  Used as `post_hook="{{ delete_rows_of_deleted_activities(ref('stg_strava__activities')) }}"`.
  The deleted activities are an array, not a semi-join, so an index on `activity_id` (the
  `indexes` config of fct_activity_stream_intervals) finds their rows: with none to delete the hook
  probes the index instead of reading the table.
#}
{% macro delete_rows_of_deleted_activities(activities) %}
delete from {{ this }}
where activity_id = any(array(select activity_id from {{ activities }} where is_deleted))
{%- endmacro %}
