import type { LandingManifest } from './manifest.js';

let lastSequence = 0;

/**
 * The next commit sequence of this process: a logical clock (`max(wall clock in µs, last + 1)`),
 * so commits of one process are strictly ordered however fast they follow each other, and
 * commits of different processes follow the wall clock.
 */
export function commitSequence(now = Date.now()): number {
  lastSequence = Math.max(now * 1000, lastSequence + 1);
  return lastSequence;
}

/** The sequence a manifest was committed at (`created_at` in µs for a manifest without one). */
export function sequenceOf(manifest: Pick<LandingManifest, 'sequence' | 'created_at'>): number {
  return manifest.sequence ?? Date.parse(manifest.created_at) * 1000;
}
