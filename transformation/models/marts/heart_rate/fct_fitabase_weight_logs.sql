with

source as (

    select * from {{ ref('stg_heart_rate__fitabase_weight_logs') }}

),

dates as (

    select * from {{ ref('dim_date') }}

),

final as (

    select
        source.weight_log_id,
        source.person_id,
        source.log_id,
        source.logged_at,
        source.log_date,
        source.weight_kg,
        source.fat_pct,
        source.bmi,
        source.is_manual_report,
        source.source_file,
        source.loaded_at,
        dates.iso_week_start_date,
        dates.is_weekend

    from source

    left join dates
        on source.log_date = dates.date_day

)

select * from final
