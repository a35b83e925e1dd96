with

source as (

    select * from {{ source('totesys', 'rows') }}
    where source_table = 'purchase_order' and op = 'upsert'

),

renamed as (

    select
        cast(row_data ->> 'purchase_order_id' as integer) as purchase_order_id,
        cast(row_data ->> 'staff_id' as integer) as staff_id,
        cast(row_data ->> 'counterparty_id' as integer) as counterparty_id,
        row_data ->> 'item_code' as item_code,
        cast(row_data ->> 'item_quantity' as integer) as item_quantity,
        cast(row_data ->> 'item_unit_price' as numeric) as item_unit_price,
        cast(row_data ->> 'currency_id' as integer) as currency_id,
        cast(row_data ->> 'agreed_delivery_date' as date) as agreed_delivery_date,
        cast(row_data ->> 'agreed_payment_date' as date) as agreed_payment_date,
        cast(row_data ->> 'agreed_delivery_location_id' as integer) as agreed_delivery_location_id,
        cast(row_data ->> 'created_at' as timestamp) as created_at,
        cast(row_data ->> 'last_updated' as timestamp) as last_updated,
        _loaded_at as loaded_at

    from source

)

select * from renamed
