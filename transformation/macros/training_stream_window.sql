{#
  The incremental window of the per-activity training marts (fct_activity_stream_intervals and the
  models that read it), as two CTEs (three in an incremental build):
  - `stream_window`: the rows of `relation`; in an incremental build only those of the activities
    with a row loaded since this model's last build (`loaded_at_column` > the newest
    `streams_loaded_at` of {{ this }});
  - `window_activities` (incremental builds only): the ids of those activities, found once;
  - `changed_activities`: one row per activity of `stream_window` with the newest load time of its
    rows (`streams_loaded_at`).
  An activity's points are replaced as a whole, so the models rebuild an activity's rows as a whole
  (incremental_strategy='delete+insert', unique_key='activity_id').
  `relation` is a relation (`ref(...)`), never a CTE: a CTE read twice is materialized whole
  (PostgreSQL docs 7.8.5), so a daily run with nothing new would copy every point. The changed
  activities are an array, not a join, so the condition reaches an index on `loaded_at_column` and
  one on `activity_id` (a staging view's CTEs are not flattened into a join; fct_heart_rate_zones
  does the same); with nothing new both CTEs are empty after two index probes.
  `relisted_from` (optional): a relation with `activity_id` and `relisted_at` (stg_strava__activities):
  an activity re-listed after a deletion since the last build is in the window too, its points
  unchanged (fct_activity_stream_intervals passes it; the models after it see the re-listing in
  its `streams_loaded_at`).
  Written between other CTEs: `{{ training_stream_window(ref('fct_activity_stream_intervals')) }},`.
  The built-in runner calls it as dbt does (README: the built-in runner's Jinja subset).
#}
{% macro training_stream_window(relation, loaded_at_column='streams_loaded_at', relisted_from='') %}
{% if is_incremental() %}
window_activities as (

    -- the activities to rebuild: a row loaded (or the activity re-listed) since the last build;
    -- read twice below, so materialized, but it holds only their ids
    select distinct changed.activity_id
    from {{ relation }} as changed
    where changed.{{ loaded_at_column }} > (select coalesce(max(streams_loaded_at), '-infinity') from {{ this }})
    {% if relisted_from %}
    union
    select relisted.activity_id
    from {{ relisted_from }} as relisted
    where relisted.relisted_at > (select coalesce(max(streams_loaded_at), '-infinity') from {{ this }})
    {% endif %}

),
{% endif %}

stream_window as (

    select * from {{ relation }}

    {% if is_incremental() %}
        where activity_id = any(array(select window_activities.activity_id from window_activities))
    {% endif %}

),

changed_activities as (

    select
        activity_id,
        max({{ loaded_at_column }}) as streams_loaded_at

    from {{ relation }}

    {% if is_incremental() %}
        where activity_id = any(array(select window_activities.activity_id from window_activities))
    {% endif %}

    group by activity_id

)
{%- endmacro %}
