import nunjucks from 'nunjucks';
import type { JsonValue } from '../assets/json.js';
import type { DbtProject } from './dbt-types.js';
import { DbtProjectError, UnsupportedJinjaError } from './dbt-errors.js';
import type { Relation } from './relation.js';
import { resolveRelation } from './relation.js';

/** The functions of the supported subset; anything else called in a template is refused. */
const FUNCTIONS = new Set(['ref', 'source', 'config', 'is_incremental', 'var', 'env_var', 'range']);
/** Names that need no definition. */
const BUILTINS = new Set([
  'this',
  'true',
  'false',
  'none',
  'True',
  'False',
  'None',
  'and',
  'or',
  'not',
  'in',
  'is',
  'if',
  'else',
  'loop',
]);
const TAGS = new Set(['if', 'elif', 'else', 'endif', 'for', 'endfor', 'set', 'endset']);

/** What a template is rendered with. */
export interface RenderContext {
  readonly project: DbtProject;
  /** The model being built (`this`), if any. */
  readonly self: Relation | undefined;
  readonly isIncremental: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly targetSchema: string;
}

const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/**
 * Refuses Jinja outside the subset before rendering, so the error names the line: tags other than
 * if/for/set, calls other than the subset's functions (`dbt_utils.star()`, `adapter.get_columns_in_relation()`),
 * names that are neither the subset's nor set/for variables (`target`, `model`, `run_started_at`).
 */
export function assertSupportedJinja(text: string, file: string): void {
  const locals = new Set<string>();
  for (const m of text.matchAll(/\{%-?\s*(?:set|for)\s+([\w\s,]+?)\s*(?:=|in\b|%)/g)) {
    for (const n of m[1]!.split(',')) locals.add(n.trim());
  }
  for (const m of text.matchAll(/\{#[\s\S]*?#\}|\{\{-?([\s\S]*?)-?\}\}|\{%-?\s*(\w+)([\s\S]*?)-?%\}/g)) {
    if (m[0].startsWith('{#')) continue;
    const line = lineAt(text, m.index);
    const tag = m[2];
    if (tag !== undefined && !TAGS.has(tag)) throw new UnsupportedJinjaError(file, line, `{% ${tag} %}`);
    const expr = (m[1] ?? m[3] ?? '').replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
    for (const id of expr.matchAll(/[A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*/g)) {
      const before = expr.slice(0, id.index).trimEnd();
      const after = expr.slice(id.index + id[0].length).trimStart();
      if (/[.|\d]$/.test(before)) continue; // attribute of a call's result, filter, number
      if (/\bis(\s+not)?$/.test(before)) continue; // test: `is defined`
      if (/^=(?!=)/.test(after)) continue; // keyword argument
      const name = id[0].replace(/\s+/g, '');
      const root = name.split('.')[0]!;
      const known = name.includes('.')
        ? root === 'this' || root === 'loop' || locals.has(root)
        : after.startsWith('(')
          ? FUNCTIONS.has(name)
          : FUNCTIONS.has(name) || BUILTINS.has(name) || locals.has(name);
      if (!known)
        throw new UnsupportedJinjaError(file, line, after.startsWith('(') ? `${name}()` : `"${name}"`);
    }
  }
}

/** Nunjucks passes keyword arguments as a last object flagged `__keywords`. */
function splitArgs(args: unknown[]): { positional: unknown[]; keywords: Record<string, unknown> } {
  const last = args[args.length - 1];
  if (typeof last === 'object' && last !== null && (last as { __keywords?: boolean }).__keywords === true) {
    const { __keywords: _k, ...keywords } = last as Record<string, unknown>;
    return { positional: args.slice(0, -1), keywords };
  }
  return { positional: args, keywords: {} };
}

/**
 * Renders a model or test template with the built-in subset: `ref`, `source`, `config`,
 * `is_incremental`, `this`, `var`, `env_var` (plus Jinja's if/for/set and nunjucks filters).
 *
 * @throws UnsupportedJinjaError (file and line) for anything outside it; DbtProjectError for an unknown ref, var or env var.
 */
export function renderTemplate(text: string, file: string, ctx: RenderContext): string {
  assertSupportedJinja(text, file);
  const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });
  const vars: Record<string, JsonValue> = { ...ctx.project.vars };
  // nunjucks wraps what a function throws into a TemplateError: keep ours to rethrow it as is
  let raised: Error | undefined;
  const fail = (error: Error): never => {
    raised = error;
    throw error;
  };
  const context = {
    this: ctx.self,
    ref: (...args: unknown[]) => {
      try {
        return resolveRelation(
          ctx.project,
          { kind: 'ref', name: String(splitArgs(args).positional.at(-1)) },
          ctx.targetSchema,
        );
      } catch (error) {
        return fail(error as Error);
      }
    },
    source: (s: unknown, t: unknown) => {
      try {
        return resolveRelation(
          ctx.project,
          { kind: 'source', source: String(s), table: String(t) },
          ctx.targetSchema,
        );
      } catch (error) {
        return fail(error as Error);
      }
    },
    config: () => '',
    is_incremental: () => ctx.isIncremental,
    var: (...args: unknown[]) => {
      const { positional, keywords } = splitArgs(args);
      const name = String(positional[0]);
      if (name in vars) return vars[name];
      const fallback = positional.length > 1 ? positional[1] : keywords.default;
      if (fallback === undefined)
        return fail(
          new DbtProjectError(`var('${name}') is not set in dbt_project.yml and has no default`, file),
        );
      return fallback;
    },
    env_var: (...args: unknown[]) => {
      const { positional, keywords } = splitArgs(args);
      const name = String(positional[0]);
      const value = ctx.env[name] ?? (positional.length > 1 ? positional[1] : keywords.default);
      if (value === undefined)
        return fail(new DbtProjectError(`env_var('${name}') is not set and has no default`, file));
      return value;
    },
  };
  try {
    return new nunjucks.Template(text, env, file, true).render(context);
  } catch (error) {
    if (raised) throw raised;
    const message = (error as Error).message;
    const line = /\[Line (\d+)/.exec(message)?.[1];
    throw new UnsupportedJinjaError(
      file,
      line === undefined ? 1 : Number(line),
      message.replace(/\s+/g, ' ').trim(),
    );
  }
}
