import type { JsonValue } from '../assets/json.js';

/**
 * Static reading of dbt Jinja, as dbt's own static parser does: `ref()`, `source()` and
 * `config()` calls with literal arguments, found without rendering (so refs inside
 * `{% if is_incremental() %}` count too).
 */

const STRING = String.raw`(?:'[^']*'|"[^"]*")`;
const REF_CALL = new RegExp(String.raw`\bref\(\s*(${STRING})\s*(?:,\s*(${STRING})\s*)?\)`, 'g');
const SOURCE_CALL = new RegExp(String.raw`\bsource\(\s*(${STRING})\s*,\s*(${STRING})\s*\)`, 'g');

const unquote = (s: string): string => s.slice(1, -1);

/** Model names passed to `ref('name')` or `ref('package', 'name')`, in order, without duplicates. */
export function staticRefs(sql: string): string[] {
  const names = [...sql.matchAll(REF_CALL)].map((m) => unquote(m[2] ?? m[1]!));
  return [...new Set(names)];
}

/** `[source, table]` pairs passed to `source('source', 'table')`, without duplicates. */
export function staticSources(sql: string): Array<readonly [string, string]> {
  const seen = new Map<string, readonly [string, string]>();
  for (const m of sql.matchAll(SOURCE_CALL)) {
    const pair = [unquote(m[1]!), unquote(m[2]!)] as const;
    seen.set(pair.join('.'), pair);
  }
  return [...seen.values()];
}

/** The keyword arguments of `{{ config(...) }}` in a model or test, merged when several; `{}` when none. */
export function staticConfig(sql: string): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const m of sql.matchAll(/\{\{-?\s*config\(/g)) {
    const parser = new LiteralParser(sql, m.index + m[0].length);
    Object.assign(out, parser.keywordArgs());
  }
  return out;
}

/** Thrown for a `config()` argument that is not a literal (strings, numbers, booleans, none, lists, dicts). */
export class JinjaLiteralError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JinjaLiteralError';
  }
}

/** A small recursive-descent parser for Jinja literals, starting at `pos`. */
class LiteralParser {
  constructor(
    private readonly src: string,
    private pos: number,
  ) {}

  keywordArgs(): Record<string, JsonValue> {
    const out: Record<string, JsonValue> = {};
    this.ws();
    while (this.src[this.pos] !== ')') {
      const name = /^[A-Za-z_]\w*/.exec(this.src.slice(this.pos))?.[0];
      if (name === undefined)
        throw new JinjaLiteralError(`config() takes keyword arguments only, at "${this.peek()}"`);
      this.pos += name.length;
      this.expect('=');
      out[name] = this.value();
      this.ws();
      if (this.src[this.pos] === ',') this.pos++;
      this.ws();
      if (this.pos >= this.src.length) throw new JinjaLiteralError('config( is never closed');
    }
    return out;
  }

  private value(): JsonValue {
    this.ws();
    const c = this.src[this.pos];
    if (c === "'" || c === '"') {
      const end = this.src.indexOf(c, this.pos + 1);
      if (end < 0) throw new JinjaLiteralError('unterminated string in config()');
      const s = this.src.slice(this.pos + 1, end);
      this.pos = end + 1;
      return s;
    }
    if (c === '[' || c === '(') return this.list(c === '[' ? ']' : ')');
    if (c === '{') return this.dict();
    const word = /^(-?\d+(?:\.\d+)?|true|false|none|True|False|None)\b/.exec(this.src.slice(this.pos))?.[0];
    if (word === undefined)
      throw new JinjaLiteralError(`config() values must be literals, found "${this.peek()}"`);
    this.pos += word.length;
    if (/^(true|True)$/.test(word)) return true;
    if (/^(false|False)$/.test(word)) return false;
    if (/^(none|None)$/.test(word)) return null;
    return Number(word);
  }

  private list(close: string): JsonValue[] {
    this.pos++;
    const items: JsonValue[] = [];
    for (this.ws(); this.src[this.pos] !== close; this.ws()) {
      items.push(this.value());
      this.ws();
      if (this.src[this.pos] === ',') this.pos++;
      if (this.pos >= this.src.length) throw new JinjaLiteralError('unterminated list in config()');
    }
    this.pos++;
    return items;
  }

  private dict(): Record<string, JsonValue> {
    this.pos++;
    const out: Record<string, JsonValue> = {};
    for (this.ws(); this.src[this.pos] !== '}'; this.ws()) {
      const key = this.value();
      this.expect(':');
      out[String(key)] = this.value();
      this.ws();
      if (this.src[this.pos] === ',') this.pos++;
      if (this.pos >= this.src.length) throw new JinjaLiteralError('unterminated dict in config()');
    }
    this.pos++;
    return out;
  }

  private expect(ch: string): void {
    this.ws();
    if (this.src[this.pos] !== ch)
      throw new JinjaLiteralError(`expected "${ch}" in config(), found "${this.peek()}"`);
    this.pos++;
  }

  private ws(): void {
    while (/\s/.test(this.src[this.pos] ?? '')) this.pos++;
  }

  private peek(): string {
    return this.src.slice(this.pos, this.pos + 20);
  }
}
