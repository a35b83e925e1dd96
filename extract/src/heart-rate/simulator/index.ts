/** The Google Health API simulator (heart rate) and its dev service. */
export * from './dev-service.js';
export * from './google-health-simulator.js';
export * from './synthetic-heart-rate.js';
