{#
  The incremental window of the per-activity training marts (fct_activity_stream_intervals and the
  models that read it), as two CTEs:
  - `changed_activities`: one row per activity of `relation` with the newest load time of its
    points (`streams_loaded_at`); in an incremental build only the activities whose points were
    loaded since this model's last build;
  - `stream_window`: the rows of `relation` of those activities.
  An activity's points are replaced as a whole, so the models rebuild an activity's rows as a whole
  (incremental_strategy='delete+insert', unique_key='activity_id').
  `relation` is a CTE or relation with `activity_id` and the load-time column `loaded_at_column`.
  Written between other CTEs: `{{ training_stream_window('intervals') }},`.
  The built-in runner calls it as dbt does (README: the built-in runner's Jinja subset).
#}
{% macro training_stream_window(relation, loaded_at_column='streams_loaded_at') %}
changed_activities as (

    select
        activity_id,
        max({{ loaded_at_column }}) as streams_loaded_at

    from {{ relation }}

    group by activity_id

    {% if is_incremental() %}
        having max({{ loaded_at_column }}) > (select coalesce(max(streams_loaded_at), '-infinity') from {{ this }})
    {% endif %}

),

stream_window as (

    select {{ relation }}.*

    from {{ relation }}

    inner join changed_activities
        on {{ relation }}.activity_id = changed_activities.activity_id

)
{%- endmacro %}
