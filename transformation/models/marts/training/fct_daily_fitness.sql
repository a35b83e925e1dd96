{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key='date_day'
    )
}}

-- Fitness (CTL), fatigue (ATL) and form (TSB) per day: exponentially weighted averages of the
-- daily training load with time constants of 42 and 7 days, the impulse-response model of Banister
-- et al. (1975) as the performance management chart uses it:
--   CTL(d) = CTL(d-1) + (load(d) - CTL(d-1)) * (1 - exp(-1/42)), ATL likewise with 7,
--   TSB(d) = CTL(d-1) - ATL(d-1) (the form a day starts with).
-- Every day from the first activity to today has a row (a day without training has load 0 and
-- decays both), seeded with CTL = ATL = 0 on the day before the first activity. Incremental by
-- day: a build recomputes from the first day whose load changed (or the first new day), seeded
-- with the stored values of the day before; earlier rows are untouched.

with recursive

loads as (

    select * from {{ ref('fct_activity_training_load') }}

),

dates as (

    select * from {{ ref('dim_date') }}

),

daily_loads as (

    select
        activity_date as date_day,
        sum(training_load) as training_load,
        count(*) as activity_count

    from loads

    group by activity_date

),

bounds as (

    select
        min(date_day) as first_day,
        greatest(max(date_day), current_date) as last_day

    from daily_loads

),

days as (

    select
        dates.date_day,
        cast(coalesce(daily_loads.training_load, 0) as double precision) as training_load,
        coalesce(daily_loads.activity_count, 0) as activity_count

    from dates

    inner join bounds
        on dates.date_day between bounds.first_day and bounds.last_day

    left join daily_loads
        on dates.date_day = daily_loads.date_day

),

seed_day as (

    {% if is_incremental() %}
        -- the first day whose load differs from the stored one, or that has no row yet
        select
            days.date_day,
            coalesce(previous.fitness_ctl, 0) as previous_ctl,
            coalesce(previous.fatigue_atl, 0) as previous_atl

        from days

        left join {{ this }} as stored
            on days.date_day = stored.date_day

        left join {{ this }} as previous
            on days.date_day - 1 = previous.date_day

        where stored.date_day is null or stored.training_load is distinct from days.training_load

        order by days.date_day

        limit 1
    {% else %}
        select
            first_day as date_day,
            cast(0 as double precision) as previous_ctl,
            cast(0 as double precision) as previous_atl

        from bounds

        where first_day is not null
    {% endif %}

),

fitness as (

    select
        days.date_day,
        days.training_load,
        days.activity_count,
        seed_day.previous_ctl + (days.training_load - seed_day.previous_ctl) * (1 - exp(-1.0 / 42)) as ctl,
        seed_day.previous_atl + (days.training_load - seed_day.previous_atl) * (1 - exp(-1.0 / 7)) as atl,
        seed_day.previous_ctl - seed_day.previous_atl as tsb

    from seed_day

    inner join days
        on seed_day.date_day = days.date_day

    union all

    select
        days.date_day,
        days.training_load,
        days.activity_count,
        fitness.ctl + (days.training_load - fitness.ctl) * (1 - exp(-1.0 / 42)) as ctl,
        fitness.atl + (days.training_load - fitness.atl) * (1 - exp(-1.0 / 7)) as atl,
        fitness.ctl - fitness.atl as tsb

    from fitness

    inner join days
        on fitness.date_day + 1 = days.date_day

),

final as (

    select
        date_day,
        training_load,
        activity_count,
        cast(ctl as double precision) as fitness_ctl,
        cast(atl as double precision) as fatigue_atl,
        cast(tsb as double precision) as form_tsb

    from fitness

)

select * from final
