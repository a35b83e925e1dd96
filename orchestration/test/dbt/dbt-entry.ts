// The dbt integration's public entry. Until the orchestration barrel re-exports it
// (`export * from './dbt/index.js'`, the lead's file), tests reach it here; then this becomes
// `export * from '@voyager/orchestration'`.
export * from '../../src/dbt/index.js';
