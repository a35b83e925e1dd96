export * from './assets.js';
export * from './samples-check.js';
