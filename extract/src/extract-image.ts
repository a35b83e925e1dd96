import { image } from '@voyager/orchestration';
import { GoogleHealthCredentialsError } from './heart-rate/errors.js';
import {
  hasGoogleHealthCredentials,
  loadGoogleHealthSettings,
} from './heart-rate/google-health-environment.js';
import { postgresSourceSecret } from './postgres-source/source-environment.js';
import { StravaCredentialsError } from './strava/errors.js';
import { loadStravaSettings } from './strava/strava-environment.js';

/**
 * The `extract` container image: runs the Strava extract assets
 * (`node extract/dist/main.js materialize <key> --partition P --run-id R`). Built from
 * `docker/node-package.Dockerfile` with `--build-arg PACKAGE=extract` and the repository root as
 * context. 0.25 vCPU / 512 MiB: the work is waiting on HTTP.
 */
export const extractImage = image({
  name: 'extract',
  description:
    'Strava API extract, bulk-export import and operational-Postgres sources into the landing zone',
  dockerfile: 'docker/node-package.Dockerfile',
  command: ['node', 'extract/dist/main.js'],
  resources: { cpu: 256, memoryMiB: 512 },
  envPrefixes: ['STRAVA_', 'VOYAGER_SOURCE_', 'GOOGLE_HEALTH_'],
  secrets: [
    { env: 'STRAVA_CLIENT_ID', parameter: 'strava/client_id', description: 'Strava API application id' },
    {
      env: 'STRAVA_CLIENT_SECRET',
      parameter: 'strava/client_secret',
      description: 'Strava API application secret',
    },
    {
      env: 'STRAVA_REFRESH_TOKEN',
      parameter: 'strava/refresh_token',
      description: 'Strava OAuth refresh token (activity:read_all); rotated by extract',
      rotates: true,
    },
    {
      env: 'GOOGLE_HEALTH_CLIENT_ID',
      parameter: 'google_health/client_id',
      description: 'Google OAuth 2.0 client id (Google Health API)',
    },
    {
      env: 'GOOGLE_HEALTH_CLIENT_SECRET',
      parameter: 'google_health/client_secret',
      description: 'Google OAuth 2.0 client secret (Google Health API)',
    },
    {
      env: 'GOOGLE_HEALTH_REFRESH_TOKEN',
      parameter: 'google_health/refresh_token',
      description: 'Google OAuth refresh token (heart-rate read scope); rotated by extract',
      rotates: true,
    },
    postgresSourceSecret('totesys'),
  ],
  // partial credentials stop the command before any step, instead of failing every extract step
  validateEnvironment(env) {
    const problems: string[] = [];
    try {
      loadStravaSettings(env);
    } catch (error) {
      if (!(error instanceof StravaCredentialsError)) throw error;
      problems.push(...error.problems);
    }
    try {
      if (hasGoogleHealthCredentials(env)) loadGoogleHealthSettings(env);
    } catch (error) {
      if (!(error instanceof GoogleHealthCredentialsError)) throw error;
      problems.push(...error.problems);
    }
    return problems;
  },
});
