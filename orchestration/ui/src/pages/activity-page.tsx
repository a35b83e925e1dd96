import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { StreamAxis } from '@voyager/orchestration/ui-api';
import { useActivityMart, useActivityStreams } from '../api/activities.js';
import { QueryState } from '../components/query-state.js';
import { RouteSvg } from '../components/route-svg.js';
import { StreamCharts } from '../components/stream-charts.js';
import { num } from '../api/marts.js';
import { formatDuration } from '../components/format.js';
import { ActivitySources } from '../components/activity-sources.js';
import { ActivityWeather } from '../components/activity-weather.js';
import { Choice } from '../components/choice.js';

/**
 * One activity: its facts from marts.fct_activities, its streams plotted against time or distance
 * and its route drawn from the recorded positions, or from Strava's summary polyline when there are
 * none (both through `/api/activities/:id/streams`); its weather (marts.fct_activity_weather) and
 * its sources with which one won each differing field (marts.fct_activity_sources).
 */
export function ActivityPage() {
  const id = useParams().activityId ?? '';
  const q = useActivityMart(id, 'summary');
  const a = q.data?.rows[0];
  return (
    <section>
      <p>
        <Link to="/dashboards">← Dashboards</Link>
      </p>
      <h1>{a ? String(a.activity_name) : `Activity ${id}`}</h1>
      {q.isLoading && <p aria-busy="true">Loading…</p>}
      {q.data && !a && (
        <p className="muted">
          {q.data.available
            ? `Activity ${id} is not in marts.fct_activities.`
            : 'marts.fct_activities is not built yet.'}
        </p>
      )}
      {a?.is_deleted === true && <p className="muted">Deleted on Strava since it was loaded.</p>}
      {a && (
        <dl className="facts">
          <dt>Sport</dt>
          <dd>{String(a.sport_type)}</dd>
          <dt>Started</dt>
          <dd>{String(a.started_at)}</dd>
          <dt>Distance</dt>
          <dd>{num(a.distance_km).toFixed(2)} km</dd>
          <dt>Moving time</dt>
          <dd>{formatDuration(num(a.moving_time_s) * 1000)}</dd>
          <dt>Elevation gain</dt>
          <dd>{num(a.total_elevation_gain_m).toFixed(0)} m</dd>
          <dt>Heart rate</dt>
          <dd>
            {a.average_heartrate_bpm === null
              ? 'no reading'
              : `${num(a.average_heartrate_bpm).toFixed(0)} avg, ${num(a.max_heartrate_bpm).toFixed(0)} max bpm`}
          </dd>
        </dl>
      )}
      <ActivityStreamsSection
        activityId={id}
        isRun={a ? /Run|Walk|Hike/.test(String(a.sport_type)) : false}
      />
      <ActivityWeather activityId={id} />
      <ActivitySources activityId={id} />
    </section>
  );
}

/** Streams against time or distance (a choice), then the route. */
function ActivityStreamsSection({ activityId, isRun }: { activityId: string; isRun: boolean }) {
  const [axis, setAxis] = useState<StreamAxis>('time');
  const q = useActivityStreams(activityId, axis);
  const d = q.data;
  return (
    <>
      <h2>Streams</h2>
      <Choice
        legend="Plot against"
        name="axis"
        options={[
          { value: 'time', label: 'Time' },
          { value: 'distance', label: 'Distance' },
        ]}
        value={axis}
        onChange={setAxis}
      />
      <QueryState isLoading={q.isLoading} error={q.error}>
        {d && !d.available && (
          <p className="muted">Not built yet: materialize staging/stg_strava__activity_streams.</p>
        )}
        {d?.available && (
          <>
            {d.totalPoints > 0 && (
              <p className="muted small">
                {d.totalPoints} recorded points; each stream drawn from at most 600 of them (LTTB downsampling
                on the server).
                {d.streamsActivityId !== activityId &&
                  ` From source record ${d.streamsActivityId}, whose streams win (see Sources).`}
              </p>
            )}
            <StreamCharts streams={d} axis={axis} isRun={isRun} />
          </>
        )}
        {d && (d.available || d.routeSource !== null) && (
          <>
            <h2>Route</h2>
            {d.routeSource === 'summary_polyline' && (
              <p className="muted small">
                From Strava&apos;s summary polyline (a simplified line): the activity has no recorded
                positions.
              </p>
            )}
            <RouteSvg
              route={d.route}
              label={`Route of activity ${activityId}, ${d.route.length} positions${d.routeSource === 'summary_polyline' ? ' from the summary polyline' : ''}`}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
