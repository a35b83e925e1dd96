with

source as (

    select * from {{ ref('stg_heart_rate__fitabase_sleep_days') }}

),

dates as (

    select * from {{ ref('dim_date') }}

),

final as (

    select
        source.person_day_id,
        source.person_id,
        source.sleep_date,
        source.sleep_records,
        source.minutes_asleep,
        source.minutes_in_bed,
        source.source_file,
        source.loaded_at,
        dates.iso_week_start_date,
        dates.is_weekend

    from source

    left join dates
        on source.sleep_date = dates.date_day

)

select * from final
