import type { ActivitiesCursor, ListPlan } from './activities-cursor.js';
import type { SummaryActivity } from './schemas.js';

import { epochSeconds } from './epoch-seconds.js';

/**
 * What one listing of `GET /athlete/activities` has seen so far, and the cursor it leaves: where
 * a stopped listing resumes (the last activity landed, in listing order) or, once complete, the
 * newest `start_date` and the ids known to exist.
 */
export class ListingProgress {
  /** Every id Strava listed in this run, valid or not: a quarantined activity still exists upstream. */
  readonly listed = new Set<number>();
  /** Ids landed in this run. */
  readonly landed = new Set<number>();
  #newest: number;
  #boundaryIds: number[];
  /** The last activity landed, in listing order (oldest first): where a stopped run resumes. */
  #last: { after: number; ids: number[] } | undefined;

  constructor(
    private readonly previous: ActivitiesCursor | undefined,
    private readonly plan: ListPlan,
  ) {
    this.#newest = previous?.after ?? 0;
    this.#boundaryIds = [...(previous?.boundaryIds ?? [])];
  }

  /** Records a listed id (before validation). */
  noteListed(id: number): void {
    this.listed.add(id);
  }

  /** Whether a valid activity is to be landed (not landed by the stopped run, nor twice); updates the cursor. */
  accept(activity: SummaryActivity): boolean {
    if (this.plan.skip.has(activity.id) || this.landed.has(activity.id)) return false;
    this.landed.add(activity.id);
    const t = epochSeconds(activity.start_date);
    if (t > this.#newest) [this.#newest, this.#boundaryIds] = [t, [activity.id]];
    else if (t === this.#newest && !this.#boundaryIds.includes(activity.id))
      this.#boundaryIds.push(activity.id);
    if (this.#last?.after === t) this.#last.ids.push(activity.id);
    else this.#last = { after: t, ids: [activity.id] };
    return true;
  }

  /** An unfinished re-list survives the incremental runs between its own runs. */
  #keptRelist(): Pick<ActivitiesCursor, 'relist'> {
    const relist = this.previous?.relist;
    return relist && this.plan.mode !== 'relist' ? { relist } : {};
  }

  /** Every id listed by this re-list so far (earlier runs and this one), sorted. */
  seenIds(): number[] {
    return [...new Set([...this.plan.seen, ...this.listed])].sort((a, b) => a - b);
  }

  /** How many landed ids the previous cursor did not know: activities new to us (the athlete's stats follow them). */
  newCount(): number {
    const known = new Set(this.previous?.knownIds ?? []);
    return [...this.landed].filter((id) => !known.has(id)).length;
  }

  /** Every id known to exist: the previous cursor's plus those landed now, sorted. */
  knownIds(): number[] {
    return [...new Set([...(this.previous?.knownIds ?? []), ...this.landed])].sort((a, b) => a - b);
  }

  /**
   * The cursor a stopped listing saves (resume right after the last activity landed), or
   * `undefined` when nothing was landed. A stopped re-list keeps the main cursor and records where
   * it stopped and every id it listed, for the next re-list to resume.
   */
  stoppedCursor(identity: string): ActivitiesCursor | undefined {
    if (this.plan.mode === 'relist' && this.previous) {
      const stop = this.#last ?? { after: this.plan.after, ids: [...this.plan.skip] };
      return {
        ...this.previous,
        identity,
        knownIds: this.knownIds(),
        relist: { after: stop.after, boundaryIds: stop.ids, seenIds: this.seenIds() },
      };
    }
    if (!this.#last) return undefined;
    return {
      identity,
      after: this.#last.after,
      complete: false,
      boundaryIds: this.#last.ids,
      knownIds: this.knownIds(),
      ...this.#keptRelist(),
    };
  }

  /**
   * The cursor of a complete listing, and the ids deleted upstream: once a re-list has seen the
   * whole list (over one or more runs), the known ids it never listed.
   */
  completed(identity: string): { cursor: ActivitiesCursor; deleted: number[] } {
    const seen = new Set(this.seenIds());
    const deleted =
      this.plan.mode === 'relist' ? (this.previous?.knownIds ?? []).filter((id) => !seen.has(id)) : [];
    const gone = new Set(deleted);
    return {
      deleted,
      cursor: {
        identity,
        after: this.#newest,
        complete: true,
        boundaryIds: this.#boundaryIds,
        knownIds: this.knownIds().filter((id) => !gone.has(id)),
        ...this.#keptRelist(),
      },
    };
  }
}
