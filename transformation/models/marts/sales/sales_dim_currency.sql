{{ config(schema='marts_sales', alias='dim_currency') }}

with

currencies as (

    select * from {{ ref('stg_totesys__currencies') }}

),

latest as (

    select distinct on (currency_id) *
    from currencies
    order by currency_id asc, last_updated desc

)

select
    currency_id,
    currency_code,
    -- ISO 4217 names (https://www.iso.org/iso-4217-currency-codes.html) of the codes totesys uses
    case currency_code
        when 'GBP' then 'Pound Sterling'
        when 'USD' then 'US Dollar'
        when 'EUR' then 'Euro'
        else currency_code
    end as currency_name

from latest
