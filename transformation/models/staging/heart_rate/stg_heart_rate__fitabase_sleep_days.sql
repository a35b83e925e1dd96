with

source as (

    select * from {{ source('heart_rate', 'fitabase_sleep_days') }}

),

renamed as (

    select
        person_id || '-' || to_char(day, 'YYYY-MM-DD') as person_day_id,
        person_id,
        day::date as sleep_date,
        sleep_records::int as sleep_records,
        minutes_asleep::int as minutes_asleep,
        minutes_in_bed::int as minutes_in_bed,
        source_file,
        _loaded_at as loaded_at

    from source

)

select * from renamed
