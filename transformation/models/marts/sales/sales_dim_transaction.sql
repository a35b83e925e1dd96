{{ config(schema='marts_sales', alias='dim_transaction') }}

with

transactions as (

    select * from {{ ref('stg_totesys__transactions') }}

),

latest as (

    select distinct on (transaction_id) *
    from transactions
    order by transaction_id asc, last_updated desc

),

final as (

    select
        transaction_id,
        transaction_type,
        sales_order_id,
        purchase_order_id

    from latest

)

select * from final
