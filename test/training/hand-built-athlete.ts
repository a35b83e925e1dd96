/**
 * A small hand-built athlete for the training-analytics marts: a few activities with 1 Hz streams
 * (a pause, a duplicated point, a treadmill run without GPS, one crossing midnight), two stream-less
 * runs over New Year and a series of stream-less runs for the Eddington number. The tests compute every expected value from these
 * arrays in TypeScript, independently of the SQL.
 */

/** One stream point as Strava's streams give it (time s, distance m, altitude m, bpm, watts, moving). */
export interface Point {
  readonly t: number;
  readonly d: number | null;
  readonly alt: number | null;
  readonly hr: number | null;
  readonly w: number | null;
  readonly moving: boolean;
}

/** One activity of the athlete, with its stream (empty: none). */
export interface Activity {
  readonly id: number;
  readonly sport: string;
  /** Local wall-clock start, ISO without zone. */
  readonly local: string;
  /** UTC start, ISO with Z. */
  readonly utc: string;
  readonly distanceM: number;
  readonly movingS: number;
  readonly sufferScore: number | null;
  readonly gearId: string | null;
  readonly points: readonly Point[];
  /** Gear the bulk export's row names for an activity without a gear id (`raw.strava_export_activities.gear`). */
  readonly exportGear?: string;
  /** Device file of the inbox (`raw.strava_activities.source`, e.g. 'fit'); absent: the Strava API. */
  readonly fileSource?: string;
}

export const FTP_W = 250;
export const ATHLETE_ID = 77;

function ride(): Point[] {
  // 1 Hz, 0..1200 s: 200 W, 300 W, 150 W blocks; a 60-s stop (not moving) at 900-959; 250 W after;
  // the point at t = 500 recorded twice
  const points: Point[] = [];
  let d = 0;
  for (let t = 0; t <= 1200; t++) {
    const moving = t < 900 || t >= 960;
    const w = !moving ? 0 : t < 300 ? 200 : t < 600 ? 300 : t < 900 ? 150 : 250;
    const hr = 120 + Math.floor(t / 100);
    points.push({ t, d, alt: 10, hr, w, moving });
    if (t === 500) points.push({ t, d, alt: 10, hr, w, moving });
    d += moving ? 8 + (t % 7) * 0.5 : 0;
  }
  return points;
}

function run(): Point[] {
  // 1 Hz, 0..1800 s at 3.5 m/s with a 5 m/s block at 600-719 s; 5 % uphill for the first 600 s
  const points: Point[] = [];
  let d = 0;
  let alt = 100;
  for (let t = 0; t <= 1800; t++) {
    points.push({ t, d, alt, hr: t < 900 ? 150 : 165, w: null, moving: true });
    const v = t >= 600 && t < 720 ? 5 : 3.5;
    d += v;
    alt += t < 600 ? v * 0.05 : 0;
  }
  return points;
}

function treadmill(): Point[] {
  // no GPS, no heart rate: a foot-pod distance every 2 s at 3 m/s, 23:50 to 00:10 local
  const points: Point[] = [];
  for (let t = 0; t <= 1200; t += 2) points.push({ t, d: t * 3, alt: null, hr: null, w: null, moving: true });
  return points;
}

const EDDINGTON_KM = [5, 6, 7, 8, 9, 10, 3, 12, 4, 15, 2, 6, 7, 8];

/** The athlete's activities, oldest first. */
export function handBuiltActivities(): Activity[] {
  const activities: Activity[] = [
    // New Year: a day streak over two calendar years, in one ISO week (2025-W01 starts 30 December)
    {
      id: 300,
      sport: 'Run',
      local: '2024-12-31T10:00:00',
      utc: '2024-12-31T09:00:00Z',
      distanceM: 5000,
      movingS: 1500,
      sufferScore: 20,
      gearId: null,
      // an old pair the athlete's gear list no longer has: known by the export's gear name only
      exportGear: 'Old road shoes',
      points: [],
    },
    {
      id: 301,
      sport: 'Run',
      local: '2025-01-01T10:00:00',
      utc: '2025-01-01T09:00:00Z',
      distanceM: 6000,
      movingS: 1800,
      sufferScore: 25,
      gearId: null,
      points: [],
    },
    {
      id: 1,
      sport: 'Ride',
      local: '2025-03-03T08:00:00',
      utc: '2025-03-03T07:00:00Z',
      distanceM: ride().at(-1)!.d!,
      movingS: 1140,
      sufferScore: 30,
      gearId: 'b77',
      points: ride(),
    },
    {
      id: 2,
      sport: 'Run',
      local: '2025-03-05T07:00:00',
      utc: '2025-03-05T06:00:00Z',
      distanceM: run().at(-1)!.d!,
      movingS: 1800,
      sufferScore: 55,
      gearId: 'g77',
      points: run(),
    },
    {
      id: 3,
      sport: 'Run',
      local: '2025-03-06T23:50:00',
      utc: '2025-03-06T22:50:00Z',
      distanceM: 3600,
      movingS: 1200,
      sufferScore: 42,
      gearId: 'g77',
      points: treadmill(),
    },
    {
      id: 4,
      sport: 'Swim',
      // the night the clocks went forward in Amsterdam (02:00 -> 03:00)
      local: '2025-03-30T03:30:00',
      utc: '2025-03-30T01:30:00Z',
      distanceM: 2000,
      movingS: 2400,
      sufferScore: null,
      gearId: null,
      points: [],
    },
  ];
  EDDINGTON_KM.forEach((km, i) => {
    const day = String(i + 1).padStart(2, '0');
    activities.push({
      id: 100 + i,
      sport: 'Run',
      local: `2025-04-${day}T18:00:00`,
      utc: `2025-04-${day}T16:00:00Z`,
      distanceM: km * 1000,
      movingS: km * 300,
      sufferScore: km * 5,
      gearId: 'g77',
      points: [],
    });
  });
  return activities;
}

/**
 * The watch's own FIT file of run 2, dropped in the inbox (issue 15): a device-file record with its
 * own negative id, the same stream, starting 20 s before Strava's record (within the 60-s match of
 * fct_activity_sources). One real-world activity: every mart counts it once, as run 2.
 */
export function fileDuplicateOfRun(run: Activity): Activity {
  return {
    ...run,
    id: -run.id,
    local: '2025-03-05T06:59:40',
    utc: '2025-03-05T05:59:40Z',
    gearId: null,
    sufferScore: null,
    fileSource: 'fit',
  };
}

/** The athlete row's record: DetailedAthlete with its gear. */
export const ATHLETE_RECORD = {
  id: ATHLETE_ID,
  sex: 'M',
  ftp: FTP_W,
  shoes: [{ id: 'g77', name: 'Trail shoes', primary: true, retired: false, distance: 123456 }],
  bikes: [{ id: 'b77', name: 'Road bike', primary: true, retired: false, distance: 654321 }],
};

/**
 * The athlete's heart-rate zones as GET /athlete/zones gives them: [min, max] in bpm per zone,
 * `max: -1` for the open-ended top zone. Its lower bound, 170 bpm, is the maximum heart rate the
 * training load takes (above run 2's highest reading, 165 bpm, the estimate without zones).
 */
export const HEART_RATE_ZONES: readonly (readonly [number, number])[] = [
  [0, 120],
  [120, 140],
  [140, 155],
  [155, 170],
  [170, -1],
];
/** The maximum heart rate from HEART_RATE_ZONES, in bpm: the top zone's lower bound. */
export const ZONES_MAX_HR = 170;
