-- Every pair of shoes and bike: from the athlete's gear list (gear ids) and, for activities of the
-- bulk export that name gear without an id, from the export's gear names. The retirement distance
-- is a setting: `training_gear_retirement_km` (a list of [gear id or name, km] pairs) in the
-- project's vars, else `training_shoe_retirement_km` (default 800 km) for shoes, none for bikes.

{% set shoe_km = var('training_shoe_retirement_km', 800) %}
{% set retirement = var('training_gear_retirement_km', []) %}

with

gear as (

    select * from {{ ref('stg_strava__gear') }}

),

activities as (

    -- one row per real-world activity: a device file of a Strava activity counts once (issue 15)
    select * from {{ ref('fct_activities') }}

    where not is_deleted

),

export_activities as (

    select * from {{ ref('stg_strava__export_activities') }}

),

settings as (

    select
        setting.gear_key,
        setting.retirement_distance_km

    from (
        values
        {% for g in retirement %}
            ('{{ g[0] }}', {{ g[1] }}),
        {% endfor %}
        (cast(null as text), cast(null as numeric))
    ) as setting (gear_key, retirement_distance_km)

    where setting.gear_key is not null

),

export_gear as (

    -- export rows name their gear; those whose activity has no gear id become members by name
    select distinct export_activities.gear_name

    from export_activities

    left join activities
        on export_activities.activity_id = activities.activity_id

    where export_activities.gear_name is not null and activities.gear_id is null

),

members as (

    select
        gear_id as gear_key,
        gear_id,
        gear_name,
        gear_type,
        is_retired

    from gear

    union all

    select
        'name:' || export_gear.gear_name as gear_key,
        null as gear_id,
        export_gear.gear_name,
        'unknown' as gear_type,
        false as is_retired

    from export_gear

    left join gear
        on export_gear.gear_name = gear.gear_name

    where gear.gear_id is null

),

final as (

    select
        members.gear_key,
        members.gear_id,
        members.gear_name,
        members.gear_type,
        members.is_retired,
        coalesce(
            settings_by_id.retirement_distance_km,
            settings_by_name.retirement_distance_km,
            case when members.gear_type = 'shoes' then {{ shoe_km }} end
        ) as retirement_distance_km

    from members

    left join settings as settings_by_id
        on members.gear_id = settings_by_id.gear_key

    left join settings as settings_by_name
        on members.gear_name = settings_by_name.gear_key

)

select * from final
