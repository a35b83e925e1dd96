/** Opt-in test helpers: `import { createTestRuntime } from '@voyager/orchestration/testing'`. */
export * from './free-port.js';
export * from './test-runtime.js';
export * from './python-tools.js';
export * from './shared-data.js';
export * from './moto-server.js';
export * from './generated-graph.js';
export * from '../config/environment-table.js';
