import { join } from 'node:path';
import { loadConfig, type DevServiceDefinition } from '@voyager/orchestration';
import { hasGoogleHealthCredentials } from '../google-health-environment.js';
import { startGoogleHealthSimulator } from './google-health-simulator.js';

/**
 * Starts the Google Health API simulator when no `GOOGLE_HEALTH_*` credential is set, on a free
 * port, and points `landing/heart_rate/samples` at it: a synthetic person's heart rate every 5 s
 * since 2021-01-04. Its rotating refresh token lives in
 * `$VOYAGER_HOME/google-health-simulator/state.json`, so rotation works across runs.
 */
export const googleHealthSimulatorDevService: DevServiceDefinition = {
  name: 'google-health-simulator',
  async start({ env, projectDir }) {
    if (hasGoogleHealthCredentials(env)) return undefined;
    const home = loadConfig(projectDir, env).home;
    const simulator = await startGoogleHealthSimulator({
      stateFile: join(home, 'google-health-simulator', 'state.json'),
    });
    return {
      env: {
        GOOGLE_HEALTH_API_URL: simulator.apiUrl,
        GOOGLE_HEALTH_OAUTH_URL: simulator.oauthUrl,
        GOOGLE_HEALTH_CLIENT_ID: simulator.credentials.clientId,
        GOOGLE_HEALTH_CLIENT_SECRET: simulator.credentials.clientSecret,
        GOOGLE_HEALTH_REFRESH_TOKEN: simulator.credentials.refreshToken,
      },
      notice:
        'Heart rate: no GOOGLE_HEALTH_* credentials set, so landing/heart_rate/samples reads the local Google Health API simulator (a synthetic heart rate every 5 s since 2021-01-04); ' +
        'to use your own data, set GOOGLE_HEALTH_CLIENT_ID, GOOGLE_HEALTH_CLIENT_SECRET and GOOGLE_HEALTH_REFRESH_TOKEN in .env.local.',
      stop: () => simulator.stop(),
    };
  },
};
