{#
  A Fitabase mart (fct_fitabase_daily_activity, fct_fitabase_sleep_days, fct_fitabase_weight_logs):
  every row and column of its staging model `relation`, in the staging model's order, then the
  ISO week start and the weekend flag of its date column `date_column` from `dates` (dim_date).
  One row per row of `relation`: dim_date has one row per day, and a date outside it gets nulls.
  The model passes both relations, so `ref` stays in its own file, where dbt and the built-in
  runner find its deps: `{{ with_calendar_week(ref('stg_x'), ref('dim_date'), 'x_date') }}`.
#}
{% macro with_calendar_week(relation, dates, date_column) %}
with

source as (

    select * from {{ relation }}

),

dates as (

    select * from {{ dates }}

),

final as (

    select
        source.*,
        dates.iso_week_start_date,
        dates.is_weekend

    from source

    left join dates
        on source.{{ date_column }} = dates.date_day

)

select * from final
{% endmacro %}
