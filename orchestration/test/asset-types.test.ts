// Type tests: `npm run typecheck` compiles this file, so each `@ts-expect-error` proves that a
// wrong asset definition does not compile (an unused directive is itself an error).
import { describe, expect, it } from 'vitest';
import { asset, check, daily, type AssetContext } from '@voyager/orchestration';

describe('asset definition types', () => {
  it('accepts a well-formed asset and rejects wrong ones at compile time', () => {
    const upstream = asset({ key: 'landing/t/a', description: 'a', image: 'x', materialize: async () => {} });
    const ok = asset({
      key: 'raw/t_a',
      description: 'One row per a',
      image: 'x',
      deps: [upstream],
      partitions: daily({ start: '2024-01-01' }),
      retry: { maxAttempts: 2, backoffSeconds: 1 },
      checks: [check({ name: 'ok', description: 'ok', evaluate: async () => ({ passed: true }) })],
      async materialize(ctx: AssetContext) {
        return { metadata: { rows: 1, partition: ctx.partition?.key ?? null } };
      },
    });
    expect(ok.deps).toEqual([upstream]);

    asset({
      key: 'raw/t_b',
      description: 'b',
      image: 'x',
      // @ts-expect-error deps are asset objects or key strings, not numbers
      deps: [42],
      materialize: async () => {},
    });
    // @ts-expect-error every asset states its grain in a description
    asset({ key: 'raw/t_c', image: 'x', materialize: async () => {} });
    asset({
      key: 'raw/t_d',
      description: 'd',
      image: 'x',
      // @ts-expect-error metadata values must be JSON (a Date is not)
      materialize: async () => ({ metadata: { at: new Date() } }),
    });
    // @ts-expect-error a check result needs `passed`
    check({ name: 'bad', description: 'bad', evaluate: async () => ({ severity: 'warn' as const }) });
  });
});
