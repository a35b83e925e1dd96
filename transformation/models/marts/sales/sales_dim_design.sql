{{ config(schema='marts_sales', alias='dim_design') }}

with

designs as (

    select * from {{ ref('stg_totesys__designs') }}

),

latest as (

    select distinct on (design_id) *
    from designs
    order by design_id asc, last_updated desc

)

select
    design_id,
    design_name,
    file_location,
    file_name

from latest
