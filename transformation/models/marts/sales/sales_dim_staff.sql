{{ config(schema='marts_sales', alias='dim_staff') }}

with

staff as (

    select * from {{ ref('stg_totesys__staff') }}

),

departments as (

    select * from {{ ref('stg_totesys__departments') }}

),

latest_staff as (

    select distinct on (staff_id) *
    from staff
    order by staff_id asc, last_updated desc

),

latest_departments as (

    select distinct on (department_id) *
    from departments
    order by department_id asc, last_updated desc

),

final as (

    select
        latest_staff.staff_id,
        latest_staff.first_name,
        latest_staff.last_name,
        latest_departments.department_name,
        latest_departments.location,
        latest_staff.email_address

    from latest_staff
    left join latest_departments
        on latest_staff.department_id = latest_departments.department_id

)

select * from final
