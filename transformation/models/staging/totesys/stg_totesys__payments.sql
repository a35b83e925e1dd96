with

source as (

    select * from {{ source('totesys', 'rows') }}
    where source_table = 'payment' and op = 'upsert'

),

renamed as (

    select
        cast(row_data ->> 'payment_id' as integer) as payment_id,
        cast(row_data ->> 'transaction_id' as integer) as transaction_id,
        cast(row_data ->> 'counterparty_id' as integer) as counterparty_id,
        cast(row_data ->> 'payment_amount' as numeric) as payment_amount,
        cast(row_data ->> 'currency_id' as integer) as currency_id,
        cast(row_data ->> 'payment_type_id' as integer) as payment_type_id,
        cast(row_data ->> 'paid' as boolean) as is_paid,
        cast(row_data ->> 'payment_date' as date) as payment_date,
        cast(row_data ->> 'company_ac_number' as integer) as company_ac_number,
        cast(row_data ->> 'counterparty_ac_number' as integer) as counterparty_ac_number,
        cast(row_data ->> 'created_at' as timestamp) as created_at,
        cast(row_data ->> 'last_updated' as timestamp) as last_updated,
        _loaded_at as loaded_at

    from source

)

select * from renamed
