import type { LiftingApp, LiftingSet } from './schemas.js';
import { workoutId } from './workout-id.js';

/** The fields of a set a parser supplies; {@link SetBuilder} adds the keys and source. */
export type ParsedSet = Omit<
  LiftingSet,
  'source_app' | 'source_file' | 'workout_id' | 'set_number' | 'problem'
> & {
  /** Text of the start when it could not be parsed (the workout key then uses it). */
  readonly start_text: string;
  readonly problems: ReadonlyArray<string | undefined>;
};

/**
 * Turns parsed rows into {@link LiftingSet}s: the workout key from app, start and name, and the
 * set's 1-based position in its workout (file order), which with the workout key is the set's key.
 */
export class SetBuilder {
  readonly sets: LiftingSet[] = [];
  readonly #positions = new Map<string, number>();

  constructor(
    readonly app: LiftingApp,
    readonly file: string,
  ) {}

  add(parsed: ParsedSet): void {
    const { start_text, problems, ...fields } = parsed;
    const id = workoutId(this.app, fields.started_at ?? start_text, fields.workout_name);
    const position = (this.#positions.get(id) ?? 0) + 1;
    this.#positions.set(id, position);
    const problem = problems.filter((p): p is string => p !== undefined).join('; ');
    this.sets.push({
      source_app: this.app,
      source_file: this.file,
      workout_id: id,
      set_number: position,
      ...fields,
      problem: problem === '' ? null : problem,
    });
  }
}
