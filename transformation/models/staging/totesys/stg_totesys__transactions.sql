with

source as (

    select * from {{ source('totesys', 'rows') }}
    where source_table = 'transaction' and op = 'upsert'

),

renamed as (

    select
        cast(row_data ->> 'transaction_id' as integer) as transaction_id,
        row_data ->> 'transaction_type' as transaction_type,
        cast(row_data ->> 'sales_order_id' as integer) as sales_order_id,
        cast(row_data ->> 'purchase_order_id' as integer) as purchase_order_id,
        cast(row_data ->> 'created_at' as timestamp) as created_at,
        cast(row_data ->> 'last_updated' as timestamp) as last_updated,
        _loaded_at as loaded_at

    from source

)

select * from renamed
