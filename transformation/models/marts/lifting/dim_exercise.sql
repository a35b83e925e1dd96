with

sets as (

    select * from {{ ref('stg_lifting__sets') }}

),

aliases as (

    select * from {{ ref('stg_lifting__exercise_aliases') }}

),

mapped as (

    select
        coalesce(aliases.canonical_exercise_name, sets.exercise_name) as exercise_name,
        sets.exercise_name as logged_name,
        sets.muscle_group,
        sets.workout_date

    from sets
    left join aliases
        on lower(aliases.exercise_name) = lower(sets.exercise_name)

),

final as (

    select
        md5(lower(exercise_name)) as exercise_key,
        min(exercise_name) as exercise_name,
        count(distinct logged_name) as spelling_count,
        string_agg(distinct logged_name, ' | ' order by logged_name) as logged_names,
        mode() within group (order by muscle_group) as muscle_group,
        min(workout_date) as first_logged_on,
        max(workout_date) as last_logged_on

    from mapped
    group by md5(lower(exercise_name))

)

select * from final
