import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { conditions: ['voyager-source'] },
  ssr: { resolve: { conditions: ['voyager-source'] } },
  test: {
    include: ['{orchestration,extract,load,iac}/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['./test/global-setup.ts'],
  },
});
