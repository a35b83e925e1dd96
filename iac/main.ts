/**
 * The CDKTF app: one set of stacks per environment, from `environments.ts` and the code location
 * (root `definitions.ts`). `npm run synth` writes `iac/cdktf.out/stacks/<stack>/cdk.tf.json`.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App } from 'cdktf';
import { readEnvironment } from '@voyager/orchestration';
import definitions from '../definitions.js';
import { createVoyagerStacks, IacEnvironment, voyagerEnvironments } from './src/index.js';

const started = Date.now();
const outdir =
  readEnvironment(IacEnvironment, process.env).CDKTF_OUTDIR ??
  fileURLToPath(new URL('./cdktf.out', import.meta.url));
// Start clean: a stack dropped from the app (e.g. mwaa turned off) must not linger in the output.
rmSync(outdir, { recursive: true, force: true });
const app = new App({ outdir, skipValidation: false });
for (const env of voyagerEnvironments(process.env)) createVoyagerStacks(app, env, definitions);
app.synth();
console.log(`synthesized ${app.node.children.length} stacks to ${outdir} in ${Date.now() - started} ms`);
