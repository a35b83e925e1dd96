with

source as (

    select * from {{ source('totesys', 'rows') }}
    where source_table = 'address' and op = 'upsert'

),

renamed as (

    select
        cast(row_data ->> 'address_id' as integer) as address_id,
        row_data ->> 'address_line_1' as address_line_1,
        row_data ->> 'address_line_2' as address_line_2,
        row_data ->> 'district' as district,
        row_data ->> 'city' as city,
        row_data ->> 'postal_code' as postal_code,
        row_data ->> 'country' as country,
        row_data ->> 'phone' as phone,
        cast(row_data ->> 'created_at' as timestamp) as created_at,
        cast(row_data ->> 'last_updated' as timestamp) as last_updated,
        _loaded_at as loaded_at

    from source

)

select * from renamed
