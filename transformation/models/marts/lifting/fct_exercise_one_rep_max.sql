with

sets as (

    select * from {{ ref('fct_sets') }}

),

daily as (

    select
        exercise_key,
        date_day,
        max(weight_kg) as heaviest_weight_kg,
        max(epley_1rm_kg) as epley_1rm_kg,
        max(brzycki_1rm_kg) as brzycki_1rm_kg

    from sets
    where not is_warmup and epley_1rm_kg is not null
    group by exercise_key, date_day

),

final as (

    select
        exercise_key || '-' || cast(date_day as text) as exercise_day_id,
        exercise_key,
        date_day,
        heaviest_weight_kg,
        round(cast(epley_1rm_kg as numeric), 2) as epley_1rm_kg,
        round(cast(brzycki_1rm_kg as numeric), 2) as brzycki_1rm_kg,
        round(cast(max(epley_1rm_kg) over (
            partition by exercise_key order by date_day rows between unbounded preceding and current row
        ) as numeric), 2) as best_epley_1rm_kg_to_date,
        round(cast(max(brzycki_1rm_kg) over (
            partition by exercise_key order by date_day rows between unbounded preceding and current row
        ) as numeric), 2) as best_brzycki_1rm_kg_to_date

    from daily

)

select * from final
