import type { ComponentType } from 'react';
import { TrainingVolume } from './training-volume.js';
import { ActivityCalendar } from './activity-calendar.js';
import { HeartRateZones } from './heart-rate-zones.js';
import { HourlyMaxHeartRate } from './hourly-max-heart-rate.js';
import { DailyHeartRate } from './daily-heart-rate.js';
import { TimeInZones } from './time-in-zones.js';
import { PersonalRecords } from './personal-records.js';
import { ActivityList } from './activity-list.js';
import { FitnessFatigueForm } from './fitness-fatigue-form.js';
import { MeanMaximalCurves } from './mean-maximal-curves.js';
import { Eddington } from './eddington.js';
import { EddingtonHistory } from './eddington-history.js';
import { YearInSport } from './year-in-sport.js';
import { LiftingVolume } from './lifting-volume.js';
import { OneRepMax } from './one-rep-max.js';
import { RecentWorkouts } from './recent-workouts.js';

/** One dashboard: a titled section of panels on the Dashboards page, with its own anchor. */
export interface Dashboard {
  /** Anchor and test id, kebab-case (`/dashboards#heart-rate`). */
  readonly id: string;
  readonly title: string;
  /** Panel components, each reading its marts through `useMart` and drawing a `Panel`. */
  readonly panels: readonly ComponentType[];
}

/**
 * The one registration point of the dashboards. To add a panel: write
 * `src/dashboards/<name>.tsx` (a component drawing a `Panel` from `useMart('<query>')`), add its
 * query to `QUERIES` in `orchestration/src/ui-server/marts.ts` (and its name to `MartQueryName`),
 * then list the component here, in an existing dashboard or a new one.
 */
export const DASHBOARDS: readonly Dashboard[] = [
  {
    id: 'training',
    title: 'Training',
    panels: [TrainingVolume, ActivityCalendar, PersonalRecords, ActivityList],
  },
  {
    id: 'performance',
    title: 'Fitness and performance',
    panels: [FitnessFatigueForm, MeanMaximalCurves, Eddington, EddingtonHistory, YearInSport],
  },
  {
    id: 'heart-rate',
    title: 'Heart rate',
    panels: [HourlyMaxHeartRate, DailyHeartRate, TimeInZones, HeartRateZones],
  },
  { id: 'lifting', title: 'Lifting', panels: [LiftingVolume, OneRepMax, RecentWorkouts] },
];
