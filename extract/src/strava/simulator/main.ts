import { parseArgs } from 'node:util';
import { parseRateLimits, SIMULATOR_DEV_RATE_LIMITS, STRAVA_DEFAULT_RATE_LIMITS } from './rate-limiter.js';
import { startStravaSimulator } from './strava-simulator.js';

// Standalone: node --conditions=voyager-source --import tsx extract/src/strava/simulator/main.ts --port 8787 [--strava-limits] [--rate-limit 200,2000 --read-rate-limit 100,1000]
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'strava-limits': { type: 'boolean', default: false },
    'rate-limit': { type: 'string' },
    'read-rate-limit': { type: 'string' },
    'state-file': { type: 'string' },
  },
});
const base = values['strava-limits'] ? STRAVA_DEFAULT_RATE_LIMITS : SIMULATOR_DEV_RATE_LIMITS;
const rateLimits = parseRateLimits(
  values['rate-limit'] ?? `${base.overall.quarterHour},${base.overall.daily}`,
  values['read-rate-limit'] ?? `${base.read.quarterHour},${base.read.daily}`,
);
const simulator = await startStravaSimulator({
  port: Number(values.port),
  rateLimits,
  ...(values['state-file'] ? { stateFile: values['state-file'] } : {}),
});
process.stdout.write(
  [
    `Strava API simulator on ${simulator.url}`,
    `STRAVA_API_URL=${simulator.apiUrl}`,
    `STRAVA_OAUTH_URL=${simulator.oauthUrl}`,
    `STRAVA_CLIENT_ID=${simulator.credentials.clientId}`,
    `STRAVA_CLIENT_SECRET=${simulator.credentials.clientSecret}`,
    `STRAVA_REFRESH_TOKEN=${simulator.credentials.refreshToken}`,
    '',
  ].join('\n'),
);
const stop = () => void simulator.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
