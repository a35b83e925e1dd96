import type { MartRows } from '@voyager/orchestration/ui-api';
import { num } from '../api/marts.js';
import { useActivityMart } from '../api/activities.js';
import { formatDuration } from './format.js';
import { QueryState } from './query-state.js';

type Row = MartRows['rows'][number];

/** `12.3 °C`; an em dash for a missing value. */
const val = (r: Row, col: string, unit: string, digits = 1) =>
  r[col] === null || r[col] === undefined ? '—' : `${num(r[col]).toFixed(digits)} ${unit}`;

/** Seconds of the route with the wind from one side, and their share of the route. */
const windShare = (r: Row, col: string) => {
  if (r[col] === null || r.route_s === null || num(r.route_s) === 0) return '—';
  const s = num(r[col]);
  return `${formatDuration(s * 1000)} (${Math.round((100 * s) / num(r.route_s))} %)`;
};

/**
 * An activity's weather (marts.fct_activity_weather, Open-Meteo historical hourly): the conditions
 * in the hour it started, the mean and extremes over the hours it covered, and, where a route was
 * recorded, the seconds of head-, cross- and tailwind relative to the direction of travel and of calm
 * (under 0.5 m/s, no direction).
 */
export function ActivityWeather({ activityId }: { activityId: string }) {
  const q = useActivityMart(activityId, 'weather');
  const w = q.data?.rows[0];
  return (
    <>
      <h2>Weather</h2>
      <QueryState isLoading={q.isLoading} error={q.error}>
        {q.data && !q.data.available && (
          <p className="muted">Not built yet: materialize marts/fct_activity_weather.</p>
        )}
        {q.data?.available && !w && (
          <p className="muted">No weather for this activity (no start position, or not fetched yet).</p>
        )}
        {w && (
          <>
            <h3>
              At the start (
              {String(w.start_hour_local ?? '')
                .slice(0, 16)
                .replace('T', ' ')}{' '}
              local, {String(w.timezone)})
            </h3>
            <dl className="facts weather-start">
              <dt>Conditions</dt>
              <dd>{String(w.start_conditions ?? '—')}</dd>
              <dt>Temperature</dt>
              <dd>
                {val(w, 'start_temperature_c', '°C')} (feels {val(w, 'start_apparent_temperature_c', '°C')})
              </dd>
              <dt>Humidity, dew point</dt>
              <dd>
                {val(w, 'start_relative_humidity_pct', '%', 0)}, {val(w, 'start_dew_point_c', '°C')}
              </dd>
              <dt>Wind</dt>
              <dd>
                {val(w, 'start_wind_speed_m_per_s', 'm/s')} from {val(w, 'start_wind_direction_deg', '°', 0)},
                gusts {val(w, 'start_wind_gusts_m_per_s', 'm/s')}
              </dd>
              <dt>Precipitation, cloud cover</dt>
              <dd>
                {val(w, 'start_precipitation_mm', 'mm')}, {val(w, 'start_cloud_cover_pct', '%', 0)}
              </dd>
            </dl>
            <h3>Over the activity ({num(w.hours_covered)} h of weather)</h3>
            <dl className="facts weather-over">
              <dt>Temperature</dt>
              <dd>
                {val(w, 'temperature_mean_c', '°C')} mean, {val(w, 'temperature_min_c', '°C')} to{' '}
                {val(w, 'temperature_max_c', '°C')}
              </dd>
              <dt>Precipitation</dt>
              <dd>{val(w, 'precipitation_total_mm', 'mm')}</dd>
              <dt>Strongest wind, gust</dt>
              <dd>
                {val(w, 'wind_speed_max_m_per_s', 'm/s')}, {val(w, 'wind_gusts_max_m_per_s', 'm/s')}
              </dd>
              {w.route_s !== null && (
                <>
                  <dt>Headwind</dt>
                  <dd>
                    {windShare(w, 'headwind_s')}, mean component {val(w, 'headwind_mean_m_per_s', 'm/s')}
                  </dd>
                  <dt>Crosswind</dt>
                  <dd>
                    {windShare(w, 'crosswind_s')}, mean component {val(w, 'crosswind_mean_m_per_s', 'm/s')}
                  </dd>
                  <dt>Tailwind</dt>
                  <dd>{windShare(w, 'tailwind_s')}</dd>
                  <dt>Calm</dt>
                  <dd>{windShare(w, 'calm_s')}</dd>
                </>
              )}
            </dl>
            {w.route_s === null && (
              <p className="muted small">No recorded route: no head-, cross- or tailwind.</p>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
