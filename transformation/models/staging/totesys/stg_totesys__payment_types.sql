with

source as (

    select * from {{ source('totesys', 'rows') }}
    where source_table = 'payment_type' and op = 'upsert'

),

renamed as (

    select
        cast(row_data ->> 'payment_type_id' as integer) as payment_type_id,
        row_data ->> 'payment_type_name' as payment_type_name,
        cast(row_data ->> 'created_at' as timestamp) as created_at,
        cast(row_data ->> 'last_updated' as timestamp) as last_updated,
        _loaded_at as loaded_at

    from source

)

select * from renamed
