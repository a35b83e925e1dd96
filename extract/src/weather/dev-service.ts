import type { DevServiceDefinition } from '@voyager/orchestration';
import { OPEN_METEO_ARCHIVE_URL } from './constants.js';
import { startOpenMeteoSimulator } from './open-meteo-simulator.js';

/** Requests per run against the simulator (no real limit to honour). */
const SIMULATOR_MAX_REQUESTS_PER_RUN = 1_000_000;
/** Requests a minute against the simulator: no spacing worth the name (60 µs). */
const SIMULATOR_MAX_REQUESTS_PER_MINUTE = 1_000_000;

/**
 * Starts the local Open-Meteo simulator when `OPEN_METEO_URL` is unset, on a free port, and
 * points `landing/open_meteo/activity_weather` at it (deterministic weather in the real response
 * shape), saying so in one line, as the Strava simulator does. Unless set, the per-run request
 * budget and the per-minute spacing are lifted, so a first `npm start` gets the weather of the
 * whole history at once.
 */
export const openMeteoSimulatorDevService: DevServiceDefinition = {
  name: 'open-meteo-simulator',
  async start({ env, log }) {
    if ((env.OPEN_METEO_URL ?? '') !== '') return undefined;
    const simulator = await startOpenMeteoSimulator();
    log.debug({ url: simulator.archiveUrl }, 'open-meteo simulator started');
    return {
      // the simulator has no daily limit: a first run fetches the whole history
      env: {
        OPEN_METEO_URL: simulator.archiveUrl,
        OPEN_METEO_MAX_REQUESTS_PER_RUN:
          env.OPEN_METEO_MAX_REQUESTS_PER_RUN || String(SIMULATOR_MAX_REQUESTS_PER_RUN),
        OPEN_METEO_MAX_REQUESTS_PER_MINUTE:
          env.OPEN_METEO_MAX_REQUESTS_PER_MINUTE || String(SIMULATOR_MAX_REQUESTS_PER_MINUTE),
      },
      notice: `Weather: OPEN_METEO_URL is unset, so the weather asset uses the local Open-Meteo simulator (deterministic weather); set OPEN_METEO_URL=${OPEN_METEO_ARCHIVE_URL} for the real historical weather (free, non-commercial use, CC BY 4.0: "Weather data by Open-Meteo.com").`,
      stop: () => simulator.close(),
    };
  },
};
