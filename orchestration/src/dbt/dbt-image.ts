import { image } from '../assets/image.js';

/**
 * The `dbt` image: `transformation/Dockerfile`, built FROM the official dbt-postgres image with
 * Node added; its entry point runs one dbt asset with real dbt (`dbt build --select <model>`).
 * Step command: `node orchestration/dist/dbt/main.js materialize <key> --partition P --run-id R`.
 */
export const dbtImage = image({
  name: 'dbt',
  description:
    'dbt-core + dbt-postgres with Node: builds the dbt models of transformation/ and runs their tests',
  dockerfile: 'transformation/Dockerfile',
  command: ['node', 'orchestration/dist/dbt/main.js'],
  resources: { cpu: 512, memoryMiB: 1024 },
  // "today" of the training marts (macros/training_as_of.sql): a report as of a past day
  runSettings: ['VOYAGER_TRAINING_AS_OF'],
});
