import type { ActivitiesCursor, ListPlan } from './activities-cursor.js';
import type { SummaryActivity } from './schemas.js';

const epoch = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

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
    const t = epoch(activity.start_date);
    if (t > this.#newest) [this.#newest, this.#boundaryIds] = [t, [activity.id]];
    else if (t === this.#newest) this.#boundaryIds.push(activity.id);
    if (this.#last?.after === t) this.#last.ids.push(activity.id);
    else this.#last = { after: t, ids: [activity.id] };
    return true;
  }

  /** Every id known to exist: the previous cursor's plus those landed now, sorted. */
  knownIds(): number[] {
    return [...new Set([...(this.previous?.knownIds ?? []), ...this.landed])].sort((a, b) => a - b);
  }

  /** The cursor a stopped listing saves (resume right after the last activity landed), or `undefined` when nothing was landed. */
  stoppedCursor(identity: string): ActivitiesCursor | undefined {
    if (!this.#last) return undefined;
    return {
      identity,
      after: this.#last.after,
      complete: false,
      boundaryIds: this.#last.ids,
      knownIds: this.knownIds(),
    };
  }

  /**
   * The cursor of a complete listing, and the ids deleted upstream: with a full re-list, the known
   * ids Strava did not list.
   */
  completed(identity: string, detectDeletions: boolean): { cursor: ActivitiesCursor; deleted: number[] } {
    const deleted =
      this.plan.mode === 'full' && detectDeletions
        ? (this.previous?.knownIds ?? []).filter((id) => !this.listed.has(id))
        : [];
    const gone = new Set(deleted);
    return {
      deleted,
      cursor: {
        identity,
        after: this.#newest,
        complete: true,
        boundaryIds: this.#boundaryIds,
        knownIds: this.knownIds().filter((id) => !gone.has(id)),
      },
    };
  }
}
