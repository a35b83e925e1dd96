/**
 * A plausible `strava/activity_streams` record (key_by_type form, as extract lands it) of
 * `points` points: a 1 Hz run at ~3 m/s with position, altitude, heart rate, cadence and
 * temperature. Deterministic for a given `activityId`. Used by load's benchmark and tests to
 * produce large landing files without shipping them.
 */
export function syntheticStreamRecord(activityId: number, points: number): Record<string, unknown> {
  const time: number[] = new Array<number>(points);
  const latlng: [number, number][] = new Array<[number, number]>(points);
  const distance: number[] = new Array<number>(points);
  const altitude: number[] = new Array<number>(points);
  const velocity: number[] = new Array<number>(points);
  const heartrate: number[] = new Array<number>(points);
  const cadence: number[] = new Array<number>(points);
  const temp: number[] = new Array<number>(points);
  const moving: boolean[] = new Array<boolean>(points);
  const grade: number[] = new Array<number>(points);
  let d = 0;
  for (let i = 0; i < points; i++) {
    const v = 3 + Math.sin((activityId + i) / 50) * 0.4;
    d += v;
    time[i] = i;
    latlng[i] = [
      Math.round((40.75 + i * 1e-5) * 1e6) / 1e6,
      Math.round((-74 + Math.sin(i / 300) * 1e-2) * 1e6) / 1e6,
    ];
    distance[i] = Math.round(d * 10) / 10;
    altitude[i] = Math.round((10 + Math.sin(i / 200) * 5) * 10) / 10;
    velocity[i] = Math.round(v * 1000) / 1000;
    heartrate[i] = 120 + ((activityId + i) % 40);
    cadence[i] = 80 + (i % 7);
    temp[i] = 21;
    moving[i] = i % 97 !== 0;
    grade[i] = Math.round(Math.cos(i / 200) * 25) / 10;
  }
  const stream = (data: unknown[]) => ({
    data,
    series_type: 'time',
    original_size: points,
    resolution: 'high',
  });
  return {
    activity_id: activityId,
    synthetic: true,
    source: 'simulator',
    streams: {
      time: stream(time),
      latlng: stream(latlng),
      distance: stream(distance),
      altitude: stream(altitude),
      velocity_smooth: stream(velocity),
      heartrate: stream(heartrate),
      cadence: stream(cadence),
      temp: stream(temp),
      moving: stream(moving),
      grade_smooth: stream(grade),
    },
  };
}
