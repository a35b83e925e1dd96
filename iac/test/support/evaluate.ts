import type { FoundStatement } from './iam.js';

/** IAM's wildcard match: `*` any run of characters, `?` one character, case-sensitive (resources). */
function glob(pattern: string, value: string, ignoreCase = false): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${re}$`, ignoreCase ? 'i' : '').test(value);
}

/**
 * Whether identity-policy `statements` allow `action` on `resource`, the way IAM decides it for
 * one policy: an explicit Deny wins, then any Allow; conditions are ignored (so this over-approximates
 * what is allowed, which is the safe direction for a "cannot" assertion).
 */
export function allows(statements: readonly FoundStatement[], action: string, resource: string): boolean {
  const matches = (s: FoundStatement): boolean =>
    (s.notActions.length > 0
      ? !s.notActions.some((a) => glob(a, action, true))
      : s.actions.some((a) => glob(a, action, true))) &&
    (s.resources.length > 0
      ? s.resources.some((r) => glob(r, resource))
      : s.notResources.length > 0 && !s.notResources.some((r) => glob(r, resource)));
  if (statements.some((s) => s.effect === 'Deny' && matches(s))) return false;
  return statements.some((s) => s.effect === 'Allow' && matches(s));
}

/**
 * Whether `statements` explicitly deny `action` on `resource`: what a Deny adds on top of a managed
 * policy (e.g. `ReadOnlyAccess`) that the inline statements alone do not show.
 */
export function denies(statements: readonly FoundStatement[], action: string, resource: string): boolean {
  return statements.some((s) => s.effect === 'Deny' && allows([{ ...s, effect: 'Allow' }], action, resource));
}
