import nunjucks from 'nunjucks';
import type { JsonValue } from '../assets/json.js';
import type { DbtMacro, DbtProject } from './dbt-types.js';
import { DbtProjectError, UnsupportedJinjaError } from './dbt-errors.js';
import type { Relation } from './relation.js';
import { resolveRelation } from './relation.js';

/** The functions of the supported subset; anything else called in a template is refused. */
const FUNCTIONS = new Set(['ref', 'source', 'config', 'is_incremental', 'var', 'env_var', 'range']);
/**
 * dbt's dotted built-ins of the subset: `exceptions.raise_compiler_error(message)` fails the
 * model with the message; `modules.re.fullmatch(pattern, text)` is true when the whole text
 * matches (a JavaScript RegExp: keep patterns to what both engines read alike, e.g. `[0-9]{4}`).
 */
const DOTTED_FUNCTIONS = new Set(['exceptions.raise_compiler_error', 'modules.re.fullmatch']);
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
/** Tags of a macro file's blocks (a model or test only calls macros, as in dbt). */
const MACRO_TAGS = new Set([...TAGS, 'macro', 'endmacro']);

/** What {@link assertSupportedJinja} accepts besides the subset. */
interface JinjaScope {
  /** Names of the project's macros, callable like the subset's functions. */
  readonly macros?: ReadonlySet<string>;
  /** The text is a macro file's `{% macro %}` block (its parameters are names it may use). */
  readonly isMacro?: boolean;
}

/** What a template is rendered with. */
export interface RenderContext {
  readonly project: DbtProject;
  /** The model being built (`this`), if any. */
  readonly self: Relation | undefined;
  readonly isIncremental: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly targetSchema: string;
}

/** A string literal, taken whole so a `}}` inside it (a hook's SQL in `config()`) ends nothing. */
const STRING_LITERAL = String.raw`'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"`;
/** A comment, an expression (group 1), or a tag (name in group 2, the rest in group 3). */
const JINJA_BLOCK = new RegExp(
  String.raw`\{#[\s\S]*?#\}|\{\{-?((?:${STRING_LITERAL}|[\s\S])*?)-?\}\}|\{%-?\s*(\w+)((?:${STRING_LITERAL}|[\s\S])*?)-?%\}`,
  'g',
);

const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/**
 * Refuses Jinja outside the subset before rendering, so the error names the line: tags other than
 * if/for/set/macro, calls other than the subset's functions and the project's `macros`
 * (`dbt_utils.star()`, `adapter.get_columns_in_relation()`), names that are neither the subset's
 * nor set/for variables or macro parameters (`target`, `model`, `run_started_at`).
 */
export function assertSupportedJinja(text: string, file: string, scope: JinjaScope = {}): void {
  const macros = scope.macros ?? new Set<string>();
  const tags = scope.isMacro === true ? MACRO_TAGS : TAGS;
  const locals = new Set<string>();
  for (const m of text.matchAll(/\{%-?\s*(?:set|for)\s+([\w\s,]+?)\s*(?:=|in\b|%)/g)) {
    for (const n of m[1]!.split(',')) locals.add(n.trim());
  }
  for (const m of text.matchAll(/\{%-?\s*macro\s+\w+\s*\(([^)]*)\)/g)) {
    for (const p of m[1]!.split(',')) locals.add(p.split('=')[0]!.trim());
  }
  for (const m of text.matchAll(JINJA_BLOCK)) {
    if (m[0].startsWith('{#')) continue;
    const line = lineAt(text, m.index);
    const tag = m[2];
    if (tag !== undefined && !tags.has(tag)) throw new UnsupportedJinjaError(file, line, `{% ${tag} %}`);
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
        ? root === 'this' ||
          root === 'loop' ||
          locals.has(root) ||
          (after.startsWith('(') && DOTTED_FUNCTIONS.has(name))
        : after.startsWith('(')
          ? FUNCTIONS.has(name) || macros.has(name)
          : FUNCTIONS.has(name) || BUILTINS.has(name) || locals.has(name);
      if (!known)
        throw new UnsupportedJinjaError(file, line, after.startsWith('(') ? `${name}()` : `"${name}"`);
    }
  }
}

interface WithExports {
  getExported(context: object, callback: (error: Error | null, result: unknown) => void): void;
}

/**
 * The macros as callables bound to the template's context (`ref`, `this`, `is_incremental()`):
 * one nunjucks template of their blocks, so they can call one another.
 */
function exportedMacros(
  macros: readonly DbtMacro[],
  env: nunjucks.Environment,
  context: object,
): Record<string, unknown> {
  if (macros.length === 0) return {};
  const template = new nunjucks.Template(
    macros.map((m) => m.text).join('\n'),
    env,
    macros.map((m) => m.path).join(', '),
    true,
  );
  let exported: Record<string, unknown> = {};
  // without async filters, nunjucks calls back before getExported returns (the method behind
  // `{% import %}`; @types/nunjucks does not declare it)
  (template as unknown as WithExports).getExported(context, (error, result) => {
    if (error) throw error;
    exported = result as Record<string, unknown>;
  });
  return exported;
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

/** The project's macros that `text` calls, and the ones those call, in the project's order. */
function calledMacros(text: string, macros: readonly DbtMacro[]): DbtMacro[] {
  const called = new Set<DbtMacro>();
  const visit = (t: string): void => {
    for (const m of macros) {
      if (!called.has(m) && new RegExp(String.raw`\b${m.name}\s*\(`).test(t)) {
        called.add(m);
        visit(m.text);
      }
    }
  };
  visit(text);
  return macros.filter((m) => called.has(m));
}

/**
 * Renders a model or test template with the built-in subset: `ref`, `source`, `config`,
 * `is_incremental`, `this`, `var`, `env_var`, `exceptions.raise_compiler_error`,
 * `modules.re.fullmatch`, the project's own macros (written in the same subset) plus Jinja's
 * if/for/set and nunjucks filters.
 *
 * @throws UnsupportedJinjaError (file and line) for anything outside it, in the template or in a
 *   macro it calls; DbtProjectError for an unknown ref, var or env var, and with the message of
 *   `exceptions.raise_compiler_error` (prefixed with the file).
 */
export function renderTemplate(text: string, file: string, ctx: RenderContext): string {
  const macroNames = new Set(ctx.project.macros.map((m) => m.name));
  assertSupportedJinja(text, file, { macros: macroNames });
  const macros = calledMacros(text, ctx.project.macros);
  for (const m of macros)
    assertSupportedJinja('\n'.repeat(m.line - 1) + m.text, m.path, { macros: macroNames, isMacro: true });
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
    exceptions: {
      raise_compiler_error: (message: unknown) => fail(new DbtProjectError(String(message), file)),
    },
    modules: {
      re: {
        fullmatch: (pattern: unknown, text: unknown) =>
          new RegExp(`^(?:${String(pattern)})$`).test(String(text)),
      },
    },
  };
  try {
    return new nunjucks.Template(text, env, file, true).render({
      ...context,
      ...exportedMacros(macros, env, context),
    });
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
