/** The Google Health API simulator (heart rate) and its dev service. */
export { googleHealthSimulatorDevService } from './dev-service.js';
export {
  startGoogleHealthSimulator,
  type GoogleHealthSimulator,
  type GoogleHealthSimulatorOptions,
} from './google-health-simulator.js';
