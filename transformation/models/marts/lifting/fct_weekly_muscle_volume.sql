with

sets as (

    select * from {{ ref('fct_sets') }}

),

exercises as (

    select * from {{ ref('dim_exercise') }}

),

dates as (

    select * from {{ ref('dim_date') }}

),

working_sets as (

    select
        dates.iso_week_start_date,
        coalesce(exercises.muscle_group, 'unspecified') as muscle_group,
        sets.reps,
        sets.volume_kg

    from sets
    inner join exercises
        on sets.exercise_key = exercises.exercise_key
    inner join dates
        on sets.date_day = dates.date_day
    where not sets.is_warmup

),

final as (

    select
        cast(iso_week_start_date as text) || '-' || muscle_group as week_muscle_group_id,
        iso_week_start_date,
        muscle_group,
        count(*) as set_count,
        coalesce(sum(reps), 0) as rep_count,
        coalesce(sum(volume_kg), 0) as tonnage_kg

    from working_sets
    group by iso_week_start_date, muscle_group

)

select * from final
