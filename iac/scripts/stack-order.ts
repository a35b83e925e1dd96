/**
 * Prints the synthesized stacks in apply order, one per line, for the iac workflows:
 * `npm run stack-order -w @voyager/iac -- [env]` (reads `iac/cdktf.out/manifest.json`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CdktfManifest } from '../src/stack-order.js';
import { stackOrder } from '../src/stack-order.js';

const path = fileURLToPath(new URL('../cdktf.out/manifest.json', import.meta.url));
const manifest = JSON.parse(readFileSync(path, 'utf8')) as CdktfManifest;
process.stdout.write(
  stackOrder(manifest, process.argv[2])
    .map((n) => `${n}\n`)
    .join(''),
);
