{#
  Moving time never exceeds elapsed (wall clock) time. Strava rounds both to whole seconds
  independently, so one second of excess is rounding, not an error (two real activities of the
  recorded dataset, 3982660024 and 3982660424, have moving_time = elapsed_time + 1).
  Returns the offending activities; an empty result passes.
#}
select
    activity_id,
    moving_time_s,
    elapsed_time_s

from {{ ref('fct_activities') }}

where moving_time_s > elapsed_time_s + 1
