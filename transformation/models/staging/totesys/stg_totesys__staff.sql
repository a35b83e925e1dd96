with

source as (

    select * from {{ source('totesys', 'rows') }}
    where source_table = 'staff' and op = 'upsert'

),

renamed as (

    select
        cast(row_data ->> 'staff_id' as integer) as staff_id,
        row_data ->> 'first_name' as first_name,
        row_data ->> 'last_name' as last_name,
        cast(row_data ->> 'department_id' as integer) as department_id,
        row_data ->> 'email_address' as email_address,
        cast(row_data ->> 'created_at' as timestamp) as created_at,
        cast(row_data ->> 'last_updated' as timestamp) as last_updated,
        _loaded_at as loaded_at

    from source

)

select * from renamed
