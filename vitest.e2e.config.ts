import { defineConfig } from 'vitest/config';

// The browser suite (`npm run test:e2e`): the built web app in headless Chromium (Debian's
// `chromium`). Kept out of `npm test` because it needs the build and the browser.
export default defineConfig({
  resolve: { conditions: ['voyager-source'] },
  ssr: { resolve: { conditions: ['voyager-source'] } },
  test: {
    include: ['orchestration/test/ui/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
