{{ config(schema='marts_sales', alias='dim_date') }}

with

sales_orders as (

    select * from {{ ref('stg_totesys__sales_orders') }}

),

purchase_orders as (

    select * from {{ ref('stg_totesys__purchase_orders') }}

),

payments as (

    select * from {{ ref('stg_totesys__payments') }}

),

-- every date a fact of the star schema points at, so the one shared dim_date covers all three
fact_dates as (

    select
        least(
            min(cast(created_at as date)), min(agreed_payment_date), min(agreed_delivery_date)
        ) as first_date,
        greatest(
            max(cast(last_updated as date)), max(agreed_payment_date), max(agreed_delivery_date)
        ) as last_date

    from sales_orders

    union all

    select
        least(
            min(cast(created_at as date)), min(agreed_payment_date), min(agreed_delivery_date)
        ) as first_date,
        greatest(
            max(cast(last_updated as date)), max(agreed_payment_date), max(agreed_delivery_date)
        ) as last_date

    from purchase_orders

    union all

    select
        least(min(cast(created_at as date)), min(payment_date)) as first_date,
        greatest(max(cast(last_updated as date)), max(payment_date)) as last_date

    from payments

),

bounds as (

    select
        min(first_date) as first_date,
        max(last_date) as last_date

    from fact_dates

),

spine as (

    select cast(spine_day as date) as date_id
    from bounds
    cross join generate_series(first_date, last_date, interval '1 day') as spine_day

),

final as (

    select
        date_id,
        cast(extract(year from date_id) as integer) as year,  -- noqa: RF04
        cast(extract(month from date_id) as integer) as month,  -- noqa: RF04
        cast(extract(day from date_id) as integer) as day,  -- noqa: RF04
        cast(extract(isodow from date_id) as integer) as day_of_week,
        trim(to_char(date_id, 'Day')) as day_name,
        trim(to_char(date_id, 'Month')) as month_name,
        cast(extract(quarter from date_id) as integer) as quarter  -- noqa: RF04

    from spine

)

select * from final
