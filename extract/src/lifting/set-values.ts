import { KG_PER_LB, WEIGHT_KG_DECIMALS } from './constants.js';
import type { LiftingSet, SetType } from './schemas.js';

/** A number from a cell: `75.0`, `27,5` (decimal comma), `8`; `undefined` for empty or text. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().replace(',', '.');
  if (text === '' || !/^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(text)) return undefined;
  return Number(text);
}

/** A cell's text, trimmed; `null` when empty. */
export function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** The weight fields of a set (see {@link LiftingSet}). */
export type WeightFields = Pick<LiftingSet, 'weight_kg' | 'weight' | 'weight_unit' | 'is_bodyweight'> & {
  readonly problem?: string;
};

/**
 * Normalises a weight cell to kg, keeping the value and unit as given. Empty, `0` and `BW` mean
 * body weight (no external load; `weight_kg` null for empty/`BW`, 0 for `0`). A negative or
 * non-numeric weight sets `problem`. Pounds are converted with {@link KG_PER_LB} and rounded to
 * {@link WEIGHT_KG_DECIMALS} places.
 */
export function weightOf(value: unknown, unit: 'kg' | 'lbs'): WeightFields {
  const text = typeof value === 'string' ? value.trim() : value;
  if (text === undefined || text === null || text === '' || (typeof text === 'string' && /^bw$/i.test(text)))
    return { weight_kg: null, weight: null, weight_unit: null, is_bodyweight: true };
  const weight = numberOf(text);
  if (weight === undefined)
    return {
      weight_kg: null,
      weight: null,
      weight_unit: unit,
      is_bodyweight: false,
      problem: `weight "${String(text)}" is not a number`,
    };
  const factor = unit === 'lbs' ? KG_PER_LB : 1;
  const scale = 10 ** WEIGHT_KG_DECIMALS;
  const kg = Math.round(weight * factor * scale) / scale;
  return {
    weight_kg: kg,
    weight,
    weight_unit: unit,
    is_bodyweight: weight === 0,
    ...(weight < 0 ? { problem: `weight ${weight} ${unit} is negative` } : {}),
  };
}

/** Hevy's `set_type` / Strong's set-order letter as a {@link SetType}; unknown values are `normal`. */
export function setTypeOf(value: string | null): SetType {
  switch ((value ?? '').trim().toLowerCase()) {
    case 'w':
    case 'warmup':
    case 'warm_up':
      return 'warmup';
    case 'd':
    case 'dropset':
    case 'drop':
      return 'drop';
    case 'f':
    case 'failure':
      return 'failure';
    default:
      return 'normal';
  }
}

/** An integer count (reps) or `null`; a fraction or text is `null`. */
export function intOf(value: unknown): number | null {
  const n = numberOf(value);
  return n !== undefined && Number.isInteger(n) ? n : null;
}
