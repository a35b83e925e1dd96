{{ config(schema='marts_sales', alias='dim_payment_type') }}

with

payment_types as (

    select * from {{ ref('stg_totesys__payment_types') }}

),

latest as (

    select distinct on (payment_type_id) *
    from payment_types
    order by payment_type_id asc, last_updated desc

),

final as (

    select
        payment_type_id,
        payment_type_name

    from latest

)

select * from final
