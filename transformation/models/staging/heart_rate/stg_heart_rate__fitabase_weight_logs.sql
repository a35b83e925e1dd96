with

source as (

    select * from {{ source('heart_rate', 'fitabase_weight_logs') }}

),

renamed as (

    select
        person_id || '-' || log_id::text as weight_log_id,
        person_id,
        log_id,
        logged_at,
        day::date as log_date,
        weight_kg,
        fat_pct,
        bmi,
        is_manual_report,
        source_file,
        _loaded_at as loaded_at

    from source

)

select * from renamed
