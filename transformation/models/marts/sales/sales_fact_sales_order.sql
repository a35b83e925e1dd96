{{ config(schema='marts_sales', alias='fact_sales_order') }}

with

sales_orders as (

    select * from {{ ref('stg_totesys__sales_orders') }}

),

final as (

    select
        -- versions only ever get later last_updated values, so new versions number after the old
        row_number() over (order by last_updated, sales_order_id) as sales_record_id,
        sales_order_id,
        cast(created_at as date) as created_date,
        cast(created_at as time) as created_time,
        cast(last_updated as date) as last_updated_date,
        cast(last_updated as time) as last_updated_time,
        staff_id as sales_staff_id,
        counterparty_id,
        units_sold,
        cast(unit_price as numeric(10, 2)) as unit_price,
        currency_id,
        design_id,
        agreed_payment_date,
        agreed_delivery_date,
        agreed_delivery_location_id

    from sales_orders

)

select * from final
