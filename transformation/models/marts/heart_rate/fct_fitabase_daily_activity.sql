-- staging rows and columns plus the ISO week and weekend of the date (macros/with_calendar_week.sql)
{{ with_calendar_week(ref('stg_heart_rate__fitabase_daily_activity'), ref('dim_date'), 'activity_date') }}
