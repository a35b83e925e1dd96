import { PLACE_GRID_DEGREES } from './constants.js';

/** An activity with a start position, as read from the warehouse. */
export interface PositionedActivity {
  readonly activity_id: number;
  /** ISO UTC start. */
  readonly started_at: string;
  readonly elapsed_time_s: number;
  readonly latitude: number;
  readonly longitude: number;
}

/** One request's worth of activities: a grid cell and a UTC date. */
export interface PlaceDay {
  /** `lat,lng@YYYY-MM-DD` of the cell centre: the request's identity in the asset's cursor. */
  readonly key: string;
  readonly latitude: number;
  readonly longitude: number;
  /** UTC date of the starts; the request covers the day before and after, so any zone and any activity up to a day long fits. */
  readonly date: string;
  readonly activityIds: number[];
}

const cell = (x: number) => Math.round(x / PLACE_GRID_DEGREES) * PLACE_GRID_DEGREES;

/** Groups activities by grid cell (0.1°, about 11 km) and UTC start date: one request each. */
export function placeDays(activities: readonly PositionedActivity[]): PlaceDay[] {
  const groups = new Map<string, PlaceDay>();
  for (const a of activities) {
    const latitude = Number(cell(a.latitude).toFixed(1));
    const longitude = Number(cell(a.longitude).toFixed(1));
    const date = a.started_at.slice(0, 10);
    const key = `${latitude},${longitude}@${date}`;
    const group = groups.get(key) ?? { key, latitude, longitude, date, activityIds: [] };
    group.activityIds.push(a.activity_id);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** `YYYY-MM-DD` plus `days`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
