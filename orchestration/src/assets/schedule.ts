/** A schedule: a cron that materializes a selection (one Airflow DAG per schedule). */
export interface ScheduleDefinition {
  /** snake_case DAG id, e.g. `strava_daily`. */
  readonly name: string;
  readonly description: string;
  /** Five-field cron in UTC, e.g. `0 5 * * *`. */
  readonly cron: string;
  /** Asset selection (`*`, `group:strava`, `+marts/fct_activities`, ...). */
  readonly selection: string;
}

/** Declares a schedule. Throws for a non-snake_case name or a cron without five fields. */
export function schedule(definition: ScheduleDefinition): ScheduleDefinition {
  if (!/^[a-z][a-z0-9_]*$/.test(definition.name)) {
    throw new Error(`schedule name "${definition.name}" must be snake_case`);
  }
  if (definition.cron.trim().split(/\s+/).length !== 5) {
    throw new Error(`schedule ${definition.name}: cron "${definition.cron}" must have five fields`);
  }
  return Object.freeze({ ...definition });
}
