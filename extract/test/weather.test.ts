import { readFile, readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, sharedData } from '@voyager/orchestration/testing';
import { openMeteoSimulatorDevService } from '@voyager/extract/simulator';
import {
  ArchiveResponse,
  hourlyRows,
  localToUtc,
  OpenMeteoClient,
  OpenMeteoRateLimitError,
  OpenMeteoRequestError,
  startOpenMeteoSimulator,
  type OpenMeteoSimulator,
} from '@voyager/extract/testing';

// The Open-Meteo archive client and its simulator, held against the real responses recorded in
// ../shared/data/open-meteo (SOURCE.md lists what each request was and the traps in them).
const dir = () => sharedData('open-meteo');
async function recorded(): Promise<Array<[string, unknown]>> {
  const files = (await readdir(dir(), { recursive: true })).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (f) => [f, JSON.parse(await readFile(join(dir(), f), 'utf8'))] as [string, unknown]),
  );
}

let sim: OpenMeteoSimulator;
beforeAll(async () => {
  sim = await startOpenMeteoSimulator({ dailyLimit: 8 });
});
afterAll(async () => {
  await sim?.close();
});

describe('recorded archive responses', () => {
  it('every recorded response (and each location of the two-point one) parses, with parallel arrays', async () => {
    const all = await recorded();
    expect(all).toHaveLength(7);
    let locations = 0;
    for (const [file, body] of all) {
      for (const location of Array.isArray(body) ? body : [body]) {
        const parsed = ArchiveResponse.parse(location);
        const rows = hourlyRows(parsed);
        expect(rows.length, file).toBe(parsed.hourly?.time.length ?? 0);
        locations++;
      }
    }
    expect(locations).toBe(8);
  });

  it('places local hours in UTC: Zagreb summer time, the UTC twin, Adelaide +9:30, Etc/GMT+9 = UTC-9', async () => {
    const zagreb = hourlyRows(
      ArchiveResponse.parse(
        JSON.parse(
          await readFile(join(dir(), 'archive_kornati_2025-06-15_europe-zagreb_shiplog.json'), 'utf8'),
        ),
      ),
    );
    const utc = hourlyRows(
      ArchiveResponse.parse(
        JSON.parse(
          await readFile(join(dir(), 'archive_kornati_2025-06-15_2points_utc_shiplog.json'), 'utf8'),
        )[0],
      ),
    );
    expect(zagreb[0]).toMatchObject({
      hour_local: '2025-06-15T00:00',
      hour_utc: '2025-06-14T22:00:00Z',
      utc_offset_s: 7200,
    });
    // SOURCE.md: the UTC file's 00:00 value (wind 11.2 kn) is the Zagreb file's 02:00 value
    expect(zagreb[2]).toMatchObject({
      hour_utc: '2025-06-15T00:00:00Z',
      values: { wind_speed_10m: 11.2 },
      units: { wind_speed_10m: 'kn' },
    });
    expect(utc[0]).toMatchObject({ hour_utc: '2025-06-15T00:00:00Z', values: { wind_speed_10m: 11.2 } });
    const adelaide = hourlyRows(
      ArchiveResponse.parse(
        JSON.parse(await readFile(join(dir(), 'archive_adelaide_2025-01-10_vinea.json'), 'utf8')),
      ),
    );
    expect(adelaide[0]).toMatchObject({
      hour_utc: '2025-01-09T14:30:00Z', // +9:30 as the API applied it (the zone's summer time would say +10:30)
      utc_offset_s: 34200,
      units: { wind_speed_10m: 'm/s' },
    });
    const pacific = hourlyRows(
      ArchiveResponse.parse(
        JSON.parse(await readFile(join(dir(), 'tpisel-openmeteo/archive-43cae1.json'), 'utf8')),
      ),
    );
    expect(pacific[0]).toMatchObject({
      hour_local: '2022-12-29T00:00',
      hour_utc: '2022-12-29T09:00:00Z',
      utc_offset_s: -32400,
    });
  });

  it('places every hour by the one offset the response applied: consecutive across a DST change, exact at +9:30', () => {
    expect(localToUtc('2024-03-31T01:00', 3600).toISOString()).toBe('2024-03-31T00:00:00.000Z');
    expect(localToUtc('2024-03-31T02:00', 3600).toISOString()).toBe('2024-03-31T01:00:00.000Z');
    expect(localToUtc('2024-03-31T03:00', 3600).toISOString()).toBe('2024-03-31T02:00:00.000Z');
    expect(localToUtc('2025-01-10T00:00', 34200).toISOString()).toBe('2025-01-09T14:30:00.000Z');
    expect(() => localToUtc('2025-01-10 00:00', 0)).toThrow(
      'hourly time "2025-01-10 00:00" is not YYYY-MM-DDTHH:MM',
    );
  });
});

describe('the simulator', () => {
  it('answers in the recorded shape: same keys and types, units as asked, parallel arrays, local times without offset', async () => {
    const [, recordedBody] = (await recorded()).find(([f]) => f.includes('europe-zagreb'))!;
    // the recorded request asked for daily sunrise/sunset too; the simulator answers hourly only
    const { daily: _daily, daily_units: _units, ...real } = recordedBody as Record<string, unknown>;
    const body = (await (
      await fetch(
        `${sim.archiveUrl}?latitude=43.78&longitude=15.30&start_date=2025-06-15&end_date=2025-06-15&hourly=wind_speed_10m,wind_direction_10m&wind_speed_unit=kn&timezone=Europe/Zagreb`,
      )
    ).json()) as Record<string, unknown>;
    const shape = (o: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? 'array' : typeof v]));
    expect(shape(body)).toEqual(shape(real));
    const parsed = ArchiveResponse.parse(body);
    const realParsed = ArchiveResponse.parse(real);
    expect(parsed).toMatchObject({
      utc_offset_seconds: 7200,
      timezone: 'Europe/Zagreb',
      timezone_abbreviation: 'GMT+2',
    });
    expect(parsed.hourly?.time).toEqual(realParsed.hourly?.time); // 24 local hours, 2025-06-15T00:00 ...
    expect(parsed.hourly_units).toEqual(realParsed.hourly_units); // time iso8601, kn, °
    expect(Object.keys(parsed.hourly ?? {})).toEqual(Object.keys(realParsed.hourly ?? {}));
  });

  it('applies one offset to the whole response across the spring-forward day, and gives the same numbers every time', async () => {
    const client = new OpenMeteoClient({ baseUrl: sim.archiveUrl });
    const request = {
      latitude: 52.52,
      longitude: 13.41,
      startDate: '2024-03-31',
      endDate: '2024-03-31',
      timezone: 'Europe/Berlin',
    };
    const rows = hourlyRows(await client.archive(request));
    expect(rows).toHaveLength(24);
    expect(rows.every((r) => r.utc_offset_s === 3600)).toBe(true); // CET at the range's start
    expect(rows[0]).toMatchObject({ hour_local: '2024-03-31T00:00', hour_utc: '2024-03-30T23:00:00Z' });
    expect(rows.at(-1)).toMatchObject({ hour_local: '2024-03-31T23:00', hour_utc: '2024-03-31T22:00:00Z' });
    expect(new Set(rows.map((r) => r.hour_utc)).size).toBe(24);
    expect(hourlyRows(await client.archive(request))).toEqual(rows);
    expect(rows[0]!.units).toMatchObject({
      temperature_2m: '°C',
      wind_speed_10m: 'm/s', // the client asks wind_speed_unit=ms
      precipitation: 'mm',
      weather_code: 'wmo code',
    });
    const adelaide = await client.archive({
      latitude: -34.76,
      longitude: 138.65,
      startDate: '2025-07-01',
      endDate: '2025-07-01',
      timezone: 'Australia/Adelaide',
    });
    expect(adelaide).toMatchObject({ utc_offset_seconds: 34200, timezone_abbreviation: 'GMT+9:30' }); // winter: +9:30
    expect(hourlyRows(adelaide)[0]!.hour_utc).toBe('2025-06-30T14:30:00Z');
    // timezone=auto resolves the coordinates to the place's zone, as the real API does
    const { timezone: _zone, ...berlin } = request;
    const auto = await client.archive({ ...berlin, startDate: '2025-01-10', endDate: '2025-01-10' });
    const autoAdelaide = await client.archive({
      latitude: -34.76,
      longitude: 138.65,
      startDate: '2025-01-10',
      endDate: '2025-01-10',
    });
    expect(auto).toMatchObject({ timezone: 'Europe/Berlin', utc_offset_seconds: 3600 });
    expect(autoAdelaide).toMatchObject({ timezone: 'Australia/Adelaide', utc_offset_seconds: 37_800 }); // summer: +10:30
  });

  it('refuses a bad request with the real error body (HTTP 400, not retried) and stops at the daily limit (HTTP 429)', async () => {
    const client = new OpenMeteoClient({ baseUrl: sim.archiveUrl, backoffMs: 1 });
    await expect(
      client.archive({ latitude: 91, longitude: 0, startDate: '2024-01-01', endDate: '2024-01-01' }),
    ).rejects.toThrow(OpenMeteoRequestError);
    const before = sim.requests();
    await expect(
      client.archive({ latitude: 10, longitude: 0, startDate: '2024-01-02', endDate: '2024-01-01' }),
    ).rejects.toThrow('End-date must be larger or equals than start-date');
    expect(sim.requests() - before).toBe(1);
    const ok = { latitude: 10, longitude: 10, startDate: '2024-01-01', endDate: '2024-01-01' };
    while (sim.requests() < 8) await client.archive(ok);
    await expect(client.archive(ok)).rejects.toThrow(OpenMeteoRateLimitError);
    await expect(client.archive(ok)).rejects.toThrow('Daily API request limit exceeded');
  });

  it('answers the requests noHours picks with HTTP 200 and empty hourly arrays: no hour, no error', async () => {
    const own = await startOpenMeteoSimulator({
      noHours: (r) => r.latitude === 10 && r.startDate === '2024-01-01',
    });
    try {
      const client = new OpenMeteoClient({ baseUrl: own.archiveUrl, maxPerMinute: 600_000 });
      const empty = await client.archive({
        latitude: 10,
        longitude: 10,
        startDate: '2024-01-01',
        endDate: '2024-01-03',
      });
      expect(empty.hourly).toMatchObject({ time: [], temperature_2m: [], weather_code: [] });
      expect(Object.values(empty.hourly ?? { none: [0] }).flat()).toEqual([]);
      expect(hourlyRows(empty)).toEqual([]);
      const other = await client.archive({
        latitude: 10,
        longitude: 10,
        startDate: '2024-01-02',
        endDate: '2024-01-02',
      });
      expect(hourlyRows(other)).toHaveLength(24);
    } finally {
      await own.close();
    }
  });

  it('spaces requests to stay within the free tier’s 600 a minute (100 ms apart), on a fake clock', async () => {
    const own = await startOpenMeteoSimulator();
    let now = 1_000_000;
    const waits: number[] = [];
    const client = new OpenMeteoClient({
      baseUrl: own.archiveUrl,
      now: () => now,
      sleep: async (ms) => {
        waits.push(ms);
        now += ms;
      },
    });
    const request = { latitude: 10, longitude: 10, startDate: '2024-01-01', endDate: '2024-01-01' };
    await client.archive(request);
    now += 30; // the answer took 30 ms
    await client.archive(request);
    now += 250; // a slow answer: no wait needed
    await client.archive(request);
    expect(waits).toEqual([70]);
    const fast = new OpenMeteoClient({
      baseUrl: own.archiveUrl,
      maxPerMinute: 6000,
      now: () => now,
      sleep: async (ms) => void waits.push(ms),
    });
    await fast.archive(request);
    await fast.archive(request);
    expect(waits).toEqual([70, 10]);
    expect(own.requests()).toBe(5);
    await own.close();
  });

  it('npm start uses the simulator when OPEN_METEO_URL is unset, says so in one line, and lifts the limits', async () => {
    const log = createLogger({ level: 'silent', pretty: false });
    const running = await openMeteoSimulatorDevService.start({ env: {}, projectDir: '.', log });
    try {
      expect(running?.notice).toMatch(
        /^Weather: OPEN_METEO_URL is unset, so the weather asset uses the local Open-Meteo simulator/,
      );
      expect(running?.notice).not.toContain('\n');
      expect(running?.env).toMatchObject({
        OPEN_METEO_URL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v1\/archive$/),
        OPEN_METEO_MAX_REQUESTS_PER_RUN: '1000000',
        OPEN_METEO_MAX_REQUESTS_PER_MINUTE: '1000000',
      });
      const body = await (
        await fetch(
          `${running!.env.OPEN_METEO_URL}?latitude=1&longitude=1&start_date=2024-01-01&end_date=2024-01-01&hourly=temperature_2m`,
        )
      ).json();
      expect(ArchiveResponse.parse(body).hourly?.time).toHaveLength(24);
    } finally {
      await running?.stop();
    }
    const real = { OPEN_METEO_URL: 'https://archive-api.open-meteo.com/v1/archive' };
    expect(await openMeteoSimulatorDevService.start({ env: real, projectDir: '.', log })).toBeUndefined();
  });

  it('retries a 503 with backoff and then succeeds, counting each attempt', async () => {
    const own = await startOpenMeteoSimulator();
    let calls = 0;
    const flaky = createServer((req, res) => {
      if (++calls === 1) {
        res.writeHead(503).end('Service Unavailable');
        return;
      }
      void fetch(`${own.archiveUrl}${req.url!.slice(req.url!.indexOf('?'))}`).then(async (r) => {
        res.writeHead(r.status, { 'content-type': 'application/json' }).end(await r.text());
      });
    });
    await new Promise<void>((resolve) => flaky.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = flaky.address() as AddressInfo;
      const client = new OpenMeteoClient({
        baseUrl: `http://127.0.0.1:${port}/v1/archive`,
        backoffMs: 1,
        maxPerMinute: 600_000,
      });
      const body = await client.archive({
        latitude: 1,
        longitude: 1,
        startDate: '2024-01-01',
        endDate: '2024-01-01',
      });
      expect(hourlyRows(body)).toHaveLength(24);
      expect(client.requests).toBe(2);
      expect(calls).toBe(2);
    } finally {
      await new Promise((resolve) => flaky.close(resolve));
      await own.close();
    }
  });
});
