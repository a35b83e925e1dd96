/**
 * `@voyager/extract/simulator`: the Strava API simulator (synthetic athlete or recorded responses),
 * its dev service, and the Open-Meteo simulator's dev service.
 */
export {
  startStravaSimulator,
  type StravaSimulator,
  type StravaSimulatorOptions,
} from './strava-simulator.js';
export { stravaSimulatorDevService } from './dev-service.js';
export { openMeteoSimulatorDevService } from '../../weather/dev-service.js';
export { SYNTHETIC_DATA } from './simulator-data.js';
export { syntheticEventsUntil } from './synthetic-athlete.js';
