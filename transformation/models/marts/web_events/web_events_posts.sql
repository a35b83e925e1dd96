with

events as (

    select * from {{ ref('stg_web_events__events') }}
    where event_table = 'post_created'

),

final as (

    select
        message_id,
        visitor_id as user_id,
        event_at,
        properties ->> 'post_id' as post_id,
        cast(properties ->> 'text_length' as integer) as text_length,
        cast(properties ->> 'has_image' as boolean) as has_image,
        properties ->> 'language' as post_language

    from events

)

select * from final
