/**
 * Removes what changes without a change in meaning from a synthesized stack before it is
 * snapshotted: CDKTF's `//` metadata (construct paths, cdktf version) and the provider version pin.
 */
export function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '//') continue;
      out[k] = k === 'version' && typeof v === 'string' && /^\d+\.\d+\.\d+$/.test(v) ? '<version>' : scrub(v);
    }
    return out;
  }
  return value;
}
