import { image } from '@voyager/orchestration';

/**
 * The `load` container image: runs every `raw/*` asset with
 * `node load/dist/main.js materialize <key> --partition P --run-id R` (built from
 * `docker/node-package.Dockerfile` with `--build-arg PACKAGE=load`, context = repo root). Default size 0.5 vCPU / 1 GiB: the loader streams, memory stays flat.
 */
export const loadImage = image({
  name: 'load',
  description: 'Landing -> warehouse loader (COPY + merge, ledger, rejected rows)',
  dockerfile: 'docker/node-package.Dockerfile',
  command: ['node', 'load/dist/main.js'],
  resources: { cpu: 512, memoryMiB: 1024 },
});
