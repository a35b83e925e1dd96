{{ config(schema='marts_sales', alias='dim_location') }}

with

addresses as (

    select * from {{ ref('stg_totesys__addresses') }}

),

latest as (

    select distinct on (address_id) *
    from addresses
    order by address_id asc, last_updated desc

)

select
    address_id as location_id,
    address_line_1,
    address_line_2,
    district,
    city,
    postal_code,
    country,
    phone

from latest
