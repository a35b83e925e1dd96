/**
 * Python source literals for generated DAG files. Everything the compiler writes into Python
 * goes through these functions, so an asset description with quotes, backslashes or newlines can
 * never break out of its string.
 */

/** A Python value the renderer can write: strings, numbers, booleans, `None`, lists, dicts and raw code. */
export type PythonValue =
  | string
  | number
  | boolean
  | null
  | PythonCode
  | readonly PythonValue[]
  | { readonly [key: string]: PythonValue };

/** Raw Python source (an expression) that {@link pyValue} writes verbatim, e.g. `timedelta(seconds=30)`. */
export class PythonCode {
  constructor(readonly source: string) {}
}

/** Marks `source` as a Python expression to write verbatim. The caller guarantees it is valid Python. */
export function pyCode(source: string): PythonCode {
  return new PythonCode(source);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * A double-quoted Python `str` literal of `value`. Backslashes, quotes and control characters
 * are escaped (`\n`, `\xNN`, `\uNNNN`); other Unicode is kept as is (Python source is UTF-8).
 *
 * ### Examples
 * ```ts
 * pyString('say "hi"\n'); // "say \"hi\"\n" as Python source
 * ```
 */
export function pyString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const mapped = ESCAPES[ch];
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code === 0x2028 || code === 0x2029 || (code >= 0xd800 && code <= 0xdfff)) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/**
 * Python source of `value`. Lists and dicts are written on one line (short values) or one item per
 * line, indented by `indent` spaces plus four, when the one-line form exceeds `width` characters.
 *
 * @param indent Current indentation of the line the value starts on, in spaces; default 0.
 * @param width Maximum one-line length in characters before wrapping; default 88 (black's).
 * @throws TypeError for a non-finite number.
 */
export function pyValue(value: PythonValue, indent = 0, width = 88): string {
  if (value instanceof PythonCode) return value.source;
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot write ${value} as a Python literal`);
    return String(value);
  }
  if (typeof value === 'string') return pyString(value);
  const inner = indent + 4;
  if (Array.isArray(value)) {
    const items = (value as readonly PythonValue[]).map((v) => pyValue(v, inner, width));
    return wrap('[', ']', items, indent, width);
  }
  const entries = Object.entries(value as { readonly [key: string]: PythonValue }).map(
    ([k, v]) => `${pyString(k)}: ${pyValue(v, inner, width)}`,
  );
  return wrap('{', '}', entries, indent, width);
}

function wrap(open: string, close: string, items: readonly string[], indent: number, width: number): string {
  const oneLine = `${open}${items.join(', ')}${close}`;
  if (items.length === 0 || (indent + oneLine.length <= width && !oneLine.includes('\n'))) return oneLine;
  const pad = ' '.repeat(indent + 4);
  return `${open}\n${items.map((i) => `${pad}${i},`).join('\n')}\n${' '.repeat(indent)}${close}`;
}

const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type'.split(
    ' ',
  ),
);

/**
 * Whether `name` can be used as a Python variable name in generated code: snake_case ASCII
 * (`[a-z_][a-z0-9_]*`) and not a keyword.
 */
export function isPythonIdentifier(name: string): boolean {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !PYTHON_KEYWORDS.has(name);
}
