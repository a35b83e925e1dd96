{{ config(schema='marts_sales', alias='fact_payment') }}

with

payments as (

    select * from {{ ref('stg_totesys__payments') }}

),

final as (

    select
        -- versions only ever get later last_updated values, so new versions number after the old
        row_number() over (order by last_updated, payment_id) as payment_record_id,
        payment_id,
        cast(created_at as date) as created_date,
        cast(created_at as time) as created_time,
        cast(last_updated as date) as last_updated_date,
        cast(last_updated as time) as last_updated_time,
        transaction_id,
        counterparty_id,
        cast(payment_amount as numeric(10, 2)) as payment_amount,
        currency_id,
        payment_type_id,
        is_paid,
        payment_date

    from payments

)

select * from final
