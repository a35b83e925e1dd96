with

events as (

    select * from {{ ref('stg_web_events__events') }}
    where event_table = 'user_unfollowed'

),

final as (

    select
        message_id,
        visitor_id as user_id,
        event_at,
        properties ->> 'unfollowed_user_id' as unfollowed_user_id

    from events

)

select * from final
