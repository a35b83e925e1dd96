/**
 * Vitest global setup: nothing is shared between test files except what is set here.
 * Each test file starts its own embedded Postgres (see orchestration/test/support).
 */
export default function setup(): void {
  process.env.VOYAGER_LOG_LEVEL ??= 'silent';
}
