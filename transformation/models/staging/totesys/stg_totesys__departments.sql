with

source as (

    select * from {{ source('totesys', 'rows') }}
    where source_table = 'department' and op = 'upsert'

),

renamed as (

    select
        cast(row_data ->> 'department_id' as integer) as department_id,
        row_data ->> 'department_name' as department_name,
        row_data ->> 'location' as location,  -- noqa: RF04
        row_data ->> 'manager' as manager,
        cast(row_data ->> 'created_at' as timestamp) as created_at,
        cast(row_data ->> 'last_updated' as timestamp) as last_updated,
        _loaded_at as loaded_at

    from source

)

select * from renamed
