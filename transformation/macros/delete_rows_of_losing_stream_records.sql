{#
  The post-hook of the marts that keep one row set per real-world activity from the record that
  wins its streams (fct_activity_sources.wins_streams): deletes this model's rows whose
  (activity_id, source_activity_id) is no longer a winning pair of `sources` - the activity was
  deleted upstream (fct_activity_sources leaves deleted records out), a device file of it now wins,
  or its record was matched to another activity. delete+insert replaces only the keys of its batch,
  so without it such rows would stay; after it an incremental build holds the rows a full build would.
  Used as `post_hook="{{ delete_rows_of_losing_stream_records(ref('fct_activity_sources')) }}"`.
#}
{% macro delete_rows_of_losing_stream_records(sources) %}
delete from {{ this }} as kept
where not exists (
    select 1
    from {{ sources }} as winners
    where
        winners.wins_streams
        and winners.activity_id = kept.activity_id
        and winners.source_activity_id = kept.source_activity_id
)
{%- endmacro %}
