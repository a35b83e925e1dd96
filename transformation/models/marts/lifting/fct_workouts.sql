with

sets as (

    select * from {{ ref('stg_lifting__sets') }}

),

final as (

    select
        workout_id,
        min(workout_date) as date_day,
        min(source_app) as source_app,
        min(source_file) as source_file,
        min(workout_name) as workout_name,
        min(workout_started_at) as started_at,
        max(workout_ended_at) as ended_at,
        max(workout_duration_s) as duration_s,
        max(workout_notes) as workout_notes,
        count(*) as set_count,
        count(*) filter (where set_type <> 'warmup') as working_set_count,
        count(distinct lower(exercise_name)) as exercise_count,
        coalesce(sum(reps), 0) as total_reps,
        coalesce(sum(coalesce(weight_kg, 0) * coalesce(reps, 0)) filter (where set_type <> 'warmup'), 0) as tonnage_kg

    from sets
    group by workout_id

)

select * from final
