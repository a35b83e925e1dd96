import { asset, hourly, loadConfig, type MaterializeResult } from '@voyager/orchestration';
import { HEART_RATE_PARTITIONS_START } from './constants.js';
import { GoogleHealthClient } from './google-health-client.js';
import { resolveGoogleHealthCredentials } from './google-health-credentials.js';
import { loadGoogleHealthSettings } from './google-health-environment.js';
import { HeartRateDataPoint, type HeartRateSample } from './schemas.js';
import { groupSeries, landHeartRateSeries } from './series.js';

/** `Device` of a data point's source as one name: its display name, else maker and form factor. */
function deviceName(point: HeartRateDataPoint): string {
  const d = point.dataSource?.device;
  return d?.displayName ?? ([d?.manufacturer, d?.formFactor].filter(Boolean).join(' ') || 'unknown');
}

/**
 * `landing/heart_rate/samples`, hourly partitioned (UTC): the heart-rate data points of one hour
 * from the Google Health API (or its simulator), landed as series per device in
 * `heart_rate/samples/hour=<hour>/`, marked `whole_hour_of_source: google_health`. An hour without
 * data still lands an empty batch, so a re-run of a partition replaces, in raw, every
 * google_health sample of that hour with what the API holds now (none, or fewer, included). A point that does not match
 * {@link HeartRateDataPoint} is not landed: it is saved with its reason under
 * `quarantine/heart_rate/<run>/` and counted in `points_quarantined`.
 */
export const heartRateSamples = asset({
  key: 'landing/heart_rate/samples',
  group: 'heart_rate',
  description:
    'Heart-rate samples of one UTC hour from the Google Health API, one series per source and device (instant, bpm)',
  image: 'extract',
  partitions: hourly({ start: HEART_RATE_PARTITIONS_START }),
  retry: { maxAttempts: 3, backoffSeconds: 5 },
  async materialize(ctx): Promise<MaterializeResult> {
    const window = ctx.partition?.window;
    if (!window) throw new Error('landing/heart_rate/samples needs an hourly partition');
    const settings = loadGoogleHealthSettings(ctx.env);
    const home = loadConfig(ctx.projectDir, ctx.env).home;
    const client = new GoogleHealthClient({
      credentials: await resolveGoogleHealthCredentials(settings, { home }),
      apiUrl: settings.GOOGLE_HEALTH_API_URL,
      oauthUrl: settings.GOOGLE_HEALTH_OAUTH_URL,
      retryMinTimeoutMs: settings.GOOGLE_HEALTH_RETRY_MIN_TIMEOUT_MS,
      log: ctx.log,
      signal: ctx.signal,
    });
    const samples: HeartRateSample[] = [];
    const bad: { point: unknown; reason: string }[] = [];
    let pages = 0;
    try {
      for await (const page of client.listHeartRate(window.start, window.end)) {
        pages++;
        for (const raw of page) {
          const point = HeartRateDataPoint.safeParse(raw);
          if (!point.success) {
            bad.push({
              point: raw,
              reason: point.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
            });
            continue;
          }
          const at = Date.parse(point.data.heartRate.sampleTime.physicalTime);
          if (at < window.start.getTime() || at >= window.end.getTime()) continue;
          samples.push({
            source: 'google_health',
            device: deviceName(point.data),
            at,
            bpm: point.data.heartRate.beatsPerMinute,
          });
        }
      }
    } finally {
      await client.close();
    }
    if (bad.length > 0) {
      await ctx.landing.put(
        `quarantine/heart_rate/${ctx.runId}/points-${ctx.partition!.key.replace(':', '')}.json`,
        JSON.stringify(bad),
      );
      ctx.log.warn(
        { points: bad.length },
        'heart-rate data points quarantined: they do not match HeartRateDataPoint',
      );
    }
    const landed = await landHeartRateSeries(ctx.landing, ctx.runId, groupSeries(samples), {
      emptyHours: [window.start.getTime()],
      // the whole hour of the source: load replaces every google_health row of the hour with it,
      // so samples deleted upstream leave raw (load's `whole_hour_of_source`)
      metadata: { source: 'google_health', whole_hour_of_source: 'google_health' },
    });
    return {
      metadata: {
        pages,
        requests: client.requestCount,
        samples: landed.samples,
        series: landed.series,
        points_quarantined: bad.length,
      },
    };
  },
});
