with

events as (

    select * from {{ ref('stg_web_events__events') }}

),

final as (

    select
        event_date_utc,
        count(distinct visitor_id) as active_users,
        count(distinct user_id) as identified_users,
        count(*) as events

    from events
    group by event_date_utc

)

select * from final
