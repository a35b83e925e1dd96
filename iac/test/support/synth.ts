import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import type { Definitions } from '@voyager/orchestration';
import type { CdktfManifest, EnvironmentConfigInput } from '@voyager/iac';
import { createVoyagerStacks, environmentConfig } from '@voyager/iac';

/** A synthesized Terraform JSON document (`cdk.tf.json`). */
export type TfJson = {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, { value: unknown }>;
  readonly terraform?: Record<string, unknown>;
  readonly provider?: Record<string, unknown>;
};

/** Every stack of one synth, by stack name, plus the manifest. */
export interface Synthesized {
  readonly stacks: Readonly<Record<string, TfJson>>;
  readonly manifest: CdktfManifest;
}

/**
 * Runs the real `app.synth()` (the path `npm run synth` takes) into a temporary folder and reads
 * every stack back. `Testing.synth` of a single stack would skip the app-level steps.
 */
export function synthesize(defs: Definitions, input: EnvironmentConfigInput): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'voyager-iac-'));
  try {
    const app = new App({ outdir });
    createVoyagerStacks(app, environmentConfig(input), defs);
    app.synth();
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as CdktfManifest & {
      stacks: Record<string, { synthesizedStackPath: string }>;
    };
    const stacks: Record<string, TfJson> = {};
    for (const [name, s] of Object.entries(manifest.stacks)) {
      stacks[name] = JSON.parse(readFileSync(join(outdir, s.synthesizedStackPath), 'utf8')) as TfJson;
    }
    return { stacks, manifest };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The resources of `type` in `stack`, by Terraform name; `{}` when none. */
export function resources(stack: TfJson | undefined, type: string): Record<string, Record<string, unknown>> {
  return stack?.resource?.[type] ?? {};
}

/** The data sources of `type` in `stack`, by Terraform name. */
export function dataSources(
  stack: TfJson | undefined,
  type: string,
): Record<string, Record<string, unknown>> {
  return stack?.data?.[type] ?? {};
}

/** Every resource and data source of every stack, with its stack, type and name. */
export function allBlocks(
  s: Synthesized,
): { stack: string; kind: 'resource' | 'data'; type: string; name: string; body: Record<string, unknown> }[] {
  const out: ReturnType<typeof allBlocks> = [];
  for (const [stack, json] of Object.entries(s.stacks)) {
    for (const kind of ['resource', 'data'] as const) {
      for (const [type, byName] of Object.entries(json[kind] ?? {})) {
        for (const [name, body] of Object.entries(byName)) out.push({ stack, kind, type, name, body });
      }
    }
  }
  return out;
}
