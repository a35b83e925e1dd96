export * from './dev-service.js';
export * from './fixture-data.js';
export * from './rate-limiter.js';
export * from './strava-simulator.js';
export * from './synthetic.js';
export * from './token-authority.js';
