-- staging rows and columns plus the ISO week and weekend of the date (macros/with_calendar_week.sql)
{{ with_calendar_week(ref('stg_heart_rate__fitabase_weight_logs'), ref('dim_date'), 'log_date') }}
