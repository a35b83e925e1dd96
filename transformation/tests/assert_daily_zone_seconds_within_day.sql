{#
  A day's seconds in the heart-rate zones never exceed the day (86,400 s): readings of overlapping
  wearables share one timeline. Returns the days over it; an empty result passes.
#}
select
    date_day,
    time_in_zone_1_s + time_in_zone_2_s + time_in_zone_3_s + time_in_zone_4_s + time_in_zone_5_s as zone_s

from {{ ref('fct_daily_heart_rate') }}

where time_in_zone_1_s + time_in_zone_2_s + time_in_zone_3_s + time_in_zone_4_s + time_in_zone_5_s > 86400
