-- The matches a person corrects by hand: one row per source activity (a device-file activity,
-- negative id) and the activity it is the same as, or null to keep it apart. Edit the values;
-- fct_activity_sources applies them before its own matching.
-- (A model rather than a dbt seed so the built-in runner builds it too.)
with

overrides (source_activity_id, same_as_activity_id) as (

    values
    (cast(null as bigint), cast(null as bigint))

),

final as (

    select
        cast(source_activity_id as bigint) as source_activity_id,
        cast(same_as_activity_id as bigint) as same_as_activity_id

    from overrides
    where source_activity_id is not null

)

select * from final
