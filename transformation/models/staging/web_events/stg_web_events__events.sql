with

source as (

    select * from {{ source('web_events', 'events') }}

),

renamed as (

    select
        message_id,
        type as event_type,
        event as event_name,
        event_table,
        user_id,
        anonymous_id,
        coalesce(user_id, anonymous_id) as visitor_id,
        event_at,
        date_trunc('hour', event_at at time zone 'UTC') as event_hour_utc,
        cast(event_at at time zone 'UTC' as date) as event_date_utc,
        received_at,
        page_name,
        properties,
        traits,
        _loaded_at as loaded_at

    from source

)

select * from renamed
