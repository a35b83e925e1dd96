with

events as (

    select * from {{ ref('stg_web_events__events') }}

),

final as (

    select
        event_hour_utc,
        event_table,
        count(*) as events,
        count(distinct visitor_id) as visitors

    from events
    group by event_hour_utc, event_table

)

select * from final
