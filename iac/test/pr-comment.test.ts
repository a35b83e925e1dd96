import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../scripts/pr-comment.sh', import.meta.url));
const MARKER = '<!-- voyager-iac-plan -->';
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

/**
 * A stand-in `gh` (the GitHub CLI is not installed here): `gh api ... --jq F` applies F with the
 * real jq to the comments fixture; PATCH / POST calls are appended to `calls`.
 */
const FAKE_GH = `#!/usr/bin/env bash
set -euo pipefail
method=GET jq_filter=
args=("$@")
for ((i = 0; i < \${#args[@]}; i++)); do
  case "\${args[i]}" in
    -X) method=\${args[i + 1]} ;;
    --jq) jq_filter=\${args[i + 1]} ;;
  esac
done
if [[ $method == GET ]]; then jq -r "$jq_filter" "$FAKE_DIR/comments.json"; exit 0; fi
echo "$method \${args[3]}" >> "$FAKE_DIR/calls"
`;

/** Runs pr-comment.sh against `comments` and returns the write calls it made. */
async function postPlan(comments: unknown[]): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'voyager-pr-comment-'));
  dirs.push(dir);
  await writeFile(join(dir, 'gh'), FAKE_GH);
  await chmod(join(dir, 'gh'), 0o755);
  await writeFile(join(dir, 'comments.json'), JSON.stringify(comments));
  await writeFile(join(dir, 'plan.md'), 'No changes.\n');
  await writeFile(join(dir, 'calls'), '');
  await run('bash', [script, '7', join(dir, 'plan.md')], {
    env: {
      ...process.env,
      PATH: `${dir}:${process.env.PATH ?? ''}`,
      FAKE_DIR: dir,
      GITHUB_REPOSITORY: 'octo/voyager',
    },
  });
  return (await readFile(join(dir, 'calls'), 'utf8')).split('\n').filter(Boolean);
}

const comment = (id: number, login: string, body: string): unknown => ({ id, user: { login }, body });

describe('iac/scripts/pr-comment.sh (against a gh stand-in, real jq)', () => {
  it("updates the bot's own plan comment in place", async () => {
    const calls = await postPlan([
      comment(1, 'alice', 'looks good'),
      comment(2, 'github-actions[bot]', `${MARKER}\nold plan`),
    ]);
    expect(calls).toEqual(['PATCH repos/octo/voyager/issues/comments/2']);
  });

  it('never picks a comment of someone else that starts with the marker', async () => {
    const calls = await postPlan([
      comment(1, 'mallory', `${MARKER}\nfake plan`),
      comment(3, 'github-actions[bot]', `${MARKER}\nold plan`),
    ]);
    expect(calls).toEqual(['PATCH repos/octo/voyager/issues/comments/3']);
    expect(await postPlan([comment(1, 'mallory', `${MARKER}\nfake plan`)])).toEqual([
      'POST repos/octo/voyager/issues/7/comments',
    ]);
  });
});
