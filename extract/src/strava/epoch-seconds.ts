/**
 * An ISO instant as Unix epoch seconds, rounded down: the unit of Strava's `after` / `before`
 * list parameters (https://developers.strava.com/docs/reference/#api-Activities-getLoggedInAthleteActivities).
 * `NaN` for a value that is not a date.
 */
export function epochSeconds(iso: unknown): number {
  return Math.floor(Date.parse(String(iso)) / 1000);
}
