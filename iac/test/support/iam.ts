import type { Synthesized } from './synth.js';
import { allBlocks } from './synth.js';

/** One statement of a synthesized `aws_iam_policy_document`, with where it lives. */
export interface FoundStatement {
  readonly stack: string;
  /** Terraform name of the policy document. */
  readonly document: string;
  readonly sid: string;
  readonly effect: string;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly principals: readonly { type: string; identifiers: string[] }[];
  readonly conditions: readonly { test: string; variable: string; values: string[] }[];
}

/** Every IAM statement of every stack (all policies go through `data.aws_iam_policy_document`). */
export function iamStatements(s: Synthesized): FoundStatement[] {
  return allBlocks(s)
    .filter((b) => b.kind === 'data' && b.type === 'aws_iam_policy_document')
    .flatMap((b) =>
      ((b.body.statement ?? []) as Record<string, unknown>[]).map((st) => ({
        stack: b.stack,
        document: b.name,
        sid: String(st.sid),
        effect: String(st.effect ?? 'Allow'),
        actions: (st.actions ?? []) as string[],
        notActions: (st.not_actions ?? []) as string[],
        resources: (st.resources ?? []) as string[],
        notResources: (st.not_resources ?? []) as string[],
        principals: (st.principals ?? []) as FoundStatement['principals'],
        conditions: (st.condition ?? []) as FoundStatement['conditions'],
      })),
    );
}

/** The statements of the policy document whose Terraform name starts with `prefix` in `stack`. */
export function statementsOf(s: Synthesized, stack: string, prefix: string): FoundStatement[] {
  const found = iamStatements(s).filter((st) => st.stack === stack && st.document.startsWith(prefix));
  if (found.length === 0) throw new Error(`no policy document ${prefix}* in ${stack}`);
  return found;
}
