import { createHash } from 'node:crypto';
import type { LiftingApp } from './schemas.js';

/**
 * The stable key of a workout: the first 20 hex digits of sha256(app, start, name). Every export
 * of the same workout (a re-export, a renamed file) gives the same key, so a re-import replaces
 * that workout's sets; `start` is the parsed local start, or the file's text when unparsable.
 * None of the apps exports a workout id, so editing a workout's name or start in the app gives it
 * a new key: load's replace-by-file (`raw.lifting_sets`) then drops the old key's sets.
 */
export function workoutId(app: LiftingApp, start: string, name: string): string {
  return createHash('sha256').update(`${app}\u0000${start}\u0000${name}`).digest('hex').slice(0, 20);
}
