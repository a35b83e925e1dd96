with

sets as (

    select * from {{ ref('stg_lifting__sets') }}

),

aliases as (

    select * from {{ ref('stg_lifting__exercise_aliases') }}

),

final as (

    select
        sets.set_id,
        sets.workout_id,
        md5(lower(coalesce(aliases.canonical_exercise_name, sets.exercise_name))) as exercise_key,
        sets.workout_date as date_day,
        sets.source_app,
        sets.set_number,
        sets.set_order,
        sets.set_type,
        sets.set_type = 'warmup' as is_warmup,
        sets.superset_id,
        sets.exercise_name as logged_exercise_name,
        sets.weight_kg,
        sets.weight_original,
        sets.weight_unit_original,
        sets.is_bodyweight,
        sets.reps,
        sets.rpe,
        sets.distance_m,
        sets.set_duration_s,
        coalesce(sets.weight_kg, 0) * coalesce(sets.reps, 0) as volume_kg,
        -- Epley (1985): 1RM = w * (1 + r / 30); Brzycki (1993): 1RM = w * 36 / (37 - r); both for 1-10 reps
        case
            when sets.weight_kg > 0 and sets.reps = 1 then sets.weight_kg
            when sets.weight_kg > 0 and sets.reps between 2 and 10 then sets.weight_kg * (1 + sets.reps / 30.0)
        end as epley_1rm_kg,
        case
            when sets.weight_kg > 0 and sets.reps between 1 and 10 then sets.weight_kg * 36.0 / (37 - sets.reps)
        end as brzycki_1rm_kg,
        sets.exercise_notes

    from sets
    left join aliases
        on lower(aliases.exercise_name) = lower(sets.exercise_name)

)

select * from final
