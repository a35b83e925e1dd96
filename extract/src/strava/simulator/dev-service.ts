import { join } from 'node:path';
import { loadConfig, type DevServiceDefinition } from '@voyager/orchestration';
import { parseRateLimits, SIMULATOR_DEV_RATE_LIMITS } from './rate-limiter.js';
import { startStravaSimulator } from './strava-simulator.js';

const CREDENTIAL_VARIABLES = [
  'STRAVA_CLIENT_ID',
  'STRAVA_CLIENT_SECRET',
  'STRAVA_REFRESH_TOKEN',
  'VOYAGER_SSM_PREFIX',
] as const;

/**
 * Starts the Strava API simulator when no Strava credentials are configured (`STRAVA_CLIENT_ID`,
 * `STRAVA_CLIENT_SECRET`, `STRAVA_REFRESH_TOKEN` and `VOYAGER_SSM_PREFIX` all unset), on a free port,
 * and points the extract assets at it. Its current refresh token lives in
 * `$VOYAGER_HOME/strava-simulator/state.json`, so rotation works across runs as with Strava.
 * Optional `STRAVA_SIMULATOR_RATE_LIMIT` / `STRAVA_SIMULATOR_READ_RATE_LIMIT` (`"200,2000"`, `"100,1000"`)
 * set its limits; default: high enough that a full backfill never hits them.
 */
export const stravaSimulatorDevService: DevServiceDefinition = {
  name: 'strava-simulator',
  async start({ env, projectDir, log }) {
    if (CREDENTIAL_VARIABLES.some((k) => (env[k] ?? '') !== '')) return undefined;
    const home = loadConfig(projectDir, env).home;
    const rateLimits =
      env.STRAVA_SIMULATOR_RATE_LIMIT || env.STRAVA_SIMULATOR_READ_RATE_LIMIT
        ? parseRateLimits(
            env.STRAVA_SIMULATOR_RATE_LIMIT ||
              `${SIMULATOR_DEV_RATE_LIMITS.overall.quarterHour},${SIMULATOR_DEV_RATE_LIMITS.overall.daily}`,
            env.STRAVA_SIMULATOR_READ_RATE_LIMIT ||
              `${SIMULATOR_DEV_RATE_LIMITS.read.quarterHour},${SIMULATOR_DEV_RATE_LIMITS.read.daily}`,
          )
        : SIMULATOR_DEV_RATE_LIMITS;
    const simulator = await startStravaSimulator({
      rateLimits,
      stateFile: join(home, 'strava-simulator', 'state.json'),
    });
    log.debug({ url: simulator.url }, 'strava simulator started');
    return {
      env: {
        STRAVA_API_URL: simulator.apiUrl,
        STRAVA_OAUTH_URL: simulator.oauthUrl,
        STRAVA_CLIENT_ID: simulator.credentials.clientId,
        STRAVA_CLIENT_SECRET: simulator.credentials.clientSecret,
        STRAVA_REFRESH_TOKEN: simulator.credentials.refreshToken,
      },
      notice:
        'Strava: no credentials set, so the extract assets use the local Strava API simulator with recorded real data (1,132 activities); ' +
        'to use your own account, set STRAVA_CLIENT_ID, STRAVA_CLIENT_SECRET and STRAVA_REFRESH_TOKEN in .env.local.',
      stop: () => simulator.stop(),
    };
  },
};
