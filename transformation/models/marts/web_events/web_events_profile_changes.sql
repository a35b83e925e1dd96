with

events as (

    select * from {{ ref('stg_web_events__events') }}
    where event_table = 'profile_changed'

),

final as (

    select
        message_id,
        visitor_id as user_id,
        event_at,
        properties ->> 'field' as changed_field,
        cast(properties ->> 'bio_length' as integer) as bio_length

    from events

)

select * from final
