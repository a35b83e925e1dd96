/**
 * The CDKTF app: one set of stacks per environment, from `environments.ts` and the code location
 * (root `definitions.ts`). `npm run synth` writes `iac/cdktf.out/stacks/<stack>/cdk.tf.json`.
 */
import { fileURLToPath } from 'node:url';
import { App } from 'cdktf';
import definitions from '../definitions.js';
import { createVoyagerStacks, voyagerEnvironments } from './src/index.js';

const started = Date.now();
const outdir = process.env.CDKTF_OUTDIR ?? fileURLToPath(new URL('./cdktf.out', import.meta.url));
const app = new App({ outdir, skipValidation: false });
for (const env of voyagerEnvironments(process.env)) createVoyagerStacks(app, env, definitions);
app.synth();
console.log(`synthesized ${app.node.children.length} stacks to ${outdir} in ${Date.now() - started} ms`);
