with

source as (

    select * from {{ source('lifting', 'sets') }}

),

renamed as (

    select
        workout_id || '-' || cast(set_number as text) as set_id,
        workout_id,
        set_number,
        source_app,
        source_file,
        source_line,
        workout_name,
        started_at as workout_started_at,
        cast(started_at as date) as workout_date,
        ended_at as workout_ended_at,
        workout_duration_s,
        workout_notes,
        trim(exercise_name) as exercise_name,
        exercise_notes,
        nullif(lower(trim(muscle_group)), '') as muscle_group,
        superset_id,
        set_order,
        coalesce(set_type, 'normal') as set_type,
        weight_kg,
        weight as weight_original,
        weight_unit as weight_unit_original,
        coalesce(is_bodyweight, false) as is_bodyweight,
        reps,
        rpe,
        distance_m,
        set_duration_s,
        _loaded_at as loaded_at

    from source

)

select * from renamed
