// A small code location for the UI tests: one asset per layer, a daily-partitioned landing asset,
// a check, and a marts asset that writes tiny tables shaped like the real marts for the dashboards.
import { definitions, image } from '@voyager/orchestration';
import { demoAssets } from './assets.js';

export default definitions({
  assets: demoAssets,
  images: [
    image({
      name: 'demo',
      description: 'the UI fixture assets (in-process only)',
      dockerfile: 'none',
      command: ['node', 'none'],
      resources: { cpu: 256, memoryMiB: 512 },
    }),
  ],
});
