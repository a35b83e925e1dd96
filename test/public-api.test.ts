import { describe, expect, it } from 'vitest';

// Each package's public names (runtime values: functions, classes, constants, zod schemas), pinned
// so that a new export is a decision seen in review (issue 10 point 3). Types are not listed:
// TypeScript erases them.
const entryPoints = {
  '@voyager/orchestration': () => import('@voyager/orchestration'),
  '@voyager/orchestration/testing': () => import('@voyager/orchestration/testing'),
  '@voyager/extract': () => import('@voyager/extract'),
  '@voyager/extract/simulator': () => import('@voyager/extract/simulator'),
  '@voyager/extract/testing': () => import('@voyager/extract/testing'),
  '@voyager/load': () => import('@voyager/load'),
  '@voyager/load/testing': () => import('@voyager/load/testing'),
  '@voyager/iac': () => import('@voyager/iac'),
  '@voyager/extract/heart-rate-simulator': () => import('@voyager/extract/heart-rate-simulator'),
};

describe('public API', () => {
  for (const [name, load] of Object.entries(entryPoints)) {
    it(`${name} exports exactly the pinned names`, async () => {
      expect(Object.keys(await load()).sort()).toMatchSnapshot();
    });
  }

  it('keeps internals unexported', async () => {
    const all = await Promise.all(Object.values(entryPoints).map((load) => load()));
    for (const internal of ['assertSupportedJinja', 'pyString', 'quoteIdent', 'startStravaSimulator']) {
      expect(Object.keys(all[0]!)).not.toContain(internal);
    }
    expect(Object.keys(all[2]!)).not.toContain('startStravaSimulator');
    expect(Object.keys(all[5]!)).not.toContain('syntheticStreamRecord');
    // The engine (executor, run storage, planner, Airflow compiler) is not part of the SDK.
    for (const engine of ['executeRun', 'RunStorage', 'planSteps', 'compileDags', 'openRuntime'])
      expect(Object.keys(all[0]!)).not.toContain(engine);
    for (const exports of all) {
      for (const internal of ['assertSupportedJinja', 'pyString', 'quoteIdent'])
        expect(Object.keys(exports)).not.toContain(internal);
    }
  });
});
