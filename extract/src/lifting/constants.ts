/** Landing dataset of the lifting log: one NDJSON record per set ({@link LiftingSet}). */
export const LIFTING_DATASETS = Object.freeze({ sets: 'lifting/sets' });

/**
 * Kilograms per international avoirdupois pound, exact by definition (International Yard and
 * Pound Agreement, 1959; NIST Handbook 44 Appendix C).
 */
export const KG_PER_LB = 0.45359237;

/** Decimal places kept in `weight_kg`: Strong's lbs exports carry float noise (`44.09245243697551` = 20 kg). */
export const WEIGHT_KG_DECIMALS = 3;

/**
 * Strong's CSV column names in the languages seen in real exports, mapped to the English header
 * (the app translates the header with its UI language: `../shared/data/weightlifting/SOURCE.md`).
 */
export const STRONG_HEADER_TRANSLATIONS: Readonly<Record<string, string>> = Object.freeze({
  // zh-CN (Strong in Chinese)
  日期: 'Date',
  锻炼名称: 'Workout Name',
  时长: 'Duration',
  运动名称: 'Exercise Name',
  设置顺序: 'Set Order',
  重量: 'Weight',
  次: 'Reps',
  距离: 'Distance',
  秒: 'Seconds',
  备注: 'Notes',
  锻炼备注: 'Workout Notes',
});

/** Default inbox folder under `$VOYAGER_HOME` that `landing/lifting/sets` imports (`VOYAGER_LIFTING_INBOX`). */
export const DEFAULT_LIFTING_INBOX = 'inbox/lifting';

/** File name the sample-log generator writes into an empty default inbox. */
export const SAMPLE_LOG_FILE = 'strong-sample.csv';
