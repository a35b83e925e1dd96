/**
 * mulberry32 (https://gist.github.com/tommyettinger/46a874533244883189143505d203312c): a tiny
 * seeded PRNG, so the same seed always yields the same sequence in [0, 1). The simulator's
 * generated data depends only on seeds, never on `Math.random`.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `v` rounded to `digits` decimals. */
export const round = (v: number, digits: number): number => Number(v.toFixed(digits));

/** A finite number, or `undefined`. */
export const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
