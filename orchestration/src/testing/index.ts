/** Opt-in test helpers: `import { createTestRuntime } from '@voyager/orchestration/testing'`. */
export * from './free-port.js';
export * from './test-runtime.js';
