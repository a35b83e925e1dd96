export * from './landing-batch-writer.js';
export * from './manifest.js';
export * from './read-landing-manifests.js';
export * from './read-landing-object.js';
