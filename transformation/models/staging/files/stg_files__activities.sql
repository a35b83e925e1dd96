with

source as (

    select * from {{ source('files', 'activities') }}

),

renamed as (

    select
        activity_id,
        file_name,
        file_sha256,
        format as file_format,
        session_index,
        session_count,
        sport as file_sport,
        sub_sport as file_sub_sport,
        sport_type,
        start_date as started_at,
        elapsed_time_s,
        distance_m::numeric as distance_m,
        pool_length_m::numeric as pool_length_m,
        length_count,
        device_manufacturer,
        device_product,
        device_serial_number,
        sensor_count,
        developer_field_count,
        taken_at,
        _loaded_at as loaded_at

    from source

)

select * from renamed
