with

source as (

    select * from {{ source('totesys', 'rows') }}
    where source_table = 'currency' and op = 'upsert'

),

renamed as (

    select
        cast(row_data ->> 'currency_id' as integer) as currency_id,
        row_data ->> 'currency_code' as currency_code,
        cast(row_data ->> 'created_at' as timestamp) as created_at,
        cast(row_data ->> 'last_updated' as timestamp) as last_updated,
        _loaded_at as loaded_at

    from source

)

select * from renamed
