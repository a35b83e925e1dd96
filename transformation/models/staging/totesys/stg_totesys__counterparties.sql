with

source as (

    select * from {{ source('totesys', 'rows') }}
    where source_table = 'counterparty' and op = 'upsert'

),

renamed as (

    select
        cast(row_data ->> 'counterparty_id' as integer) as counterparty_id,
        row_data ->> 'counterparty_legal_name' as counterparty_legal_name,
        cast(row_data ->> 'legal_address_id' as integer) as legal_address_id,
        row_data ->> 'commercial_contact' as commercial_contact,
        row_data ->> 'delivery_contact' as delivery_contact,
        cast(row_data ->> 'created_at' as timestamp) as created_at,
        cast(row_data ->> 'last_updated' as timestamp) as last_updated,
        _loaded_at as loaded_at

    from source

)

select * from renamed
