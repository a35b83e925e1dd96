/** One piece of an events object: a parsed JSON object, or text that is not one, with why. */
export type JsonPiece =
  | { readonly ok: true; readonly value: Record<string, unknown>; readonly index: number }
  | { readonly ok: false; readonly text: string; readonly reason: string; readonly index: number };

/**
 * Splits the text of an events object into its JSON objects, whether newline-delimited (Segment's
 * S3 destination) or concatenated with no separator (Amazon Data Firehose's default: "By default,
 * Firehose concatenates data without any delimiters",
 * https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html). Scans braces outside
 * strings, so `}{` inside a string value does not split. Text between objects that is not
 * whitespace, an object that does not parse, and an unterminated tail come out as bad pieces.
 * `index` is the 1-based position of the piece in the object.
 */
export function* splitJsonObjects(text: string): Generator<JsonPiece> {
  let index = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      i++;
      continue;
    }
    if (c !== '{') {
      // junk up to the next object start or line end
      let j = i;
      while (j < n && text[j] !== '{' && text[j] !== '\n') j++;
      yield { ok: false, text: text.slice(i, j), reason: 'not a JSON object', index: ++index };
      i = j;
      continue;
    }
    let depth = 0;
    let inString = false;
    let j = i;
    for (; j < n; j++) {
      const d = text[j]!;
      if (inString) {
        if (d === '\\') j++;
        else if (d === '"') inString = false;
      } else if (d === '"') inString = true;
      else if (d === '{') depth++;
      else if (d === '}' && --depth === 0) break;
    }
    const piece = text.slice(i, j + 1);
    i = j + 1;
    if (depth !== 0 || j >= n) {
      yield { ok: false, text: piece, reason: 'unterminated JSON object', index: ++index };
      break;
    }
    try {
      yield { ok: true, value: JSON.parse(piece) as Record<string, unknown>, index: ++index };
    } catch (error) {
      yield { ok: false, text: piece, reason: `not JSON: ${(error as Error).message}`, index: ++index };
    }
  }
}
