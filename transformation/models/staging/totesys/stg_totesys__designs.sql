with

source as (

    select * from {{ source('totesys', 'rows') }}
    where source_table = 'design' and op = 'upsert'

),

renamed as (

    select
        cast(row_data ->> 'design_id' as integer) as design_id,
        row_data ->> 'design_name' as design_name,
        row_data ->> 'file_location' as file_location,
        row_data ->> 'file_name' as file_name,
        cast(row_data ->> 'created_at' as timestamp) as created_at,
        cast(row_data ->> 'last_updated' as timestamp) as last_updated,
        _loaded_at as loaded_at

    from source

)

select * from renamed
