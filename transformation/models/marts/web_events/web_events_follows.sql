with

events as (

    select * from {{ ref('stg_web_events__events') }}
    where event_table = 'user_followed'

),

final as (

    select
        message_id,
        visitor_id as user_id,
        event_at,
        properties ->> 'followed_user_id' as followed_user_id

    from events

)

select * from final
