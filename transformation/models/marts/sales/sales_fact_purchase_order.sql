{{ config(schema='marts_sales', alias='fact_purchase_order') }}

with

purchase_orders as (

    select * from {{ ref('stg_totesys__purchase_orders') }}

),

final as (

    select
        -- versions only ever get later last_updated values, so new versions number after the old
        row_number() over (order by last_updated, purchase_order_id) as purchase_record_id,
        purchase_order_id,
        cast(created_at as date) as created_date,
        cast(created_at as time) as created_time,
        cast(last_updated as date) as last_updated_date,
        cast(last_updated as time) as last_updated_time,
        staff_id,
        counterparty_id,
        item_code,
        item_quantity,
        cast(item_unit_price as numeric(10, 2)) as item_unit_price,
        currency_id,
        agreed_delivery_date,
        agreed_payment_date,
        agreed_delivery_location_id

    from purchase_orders

)

select * from final
