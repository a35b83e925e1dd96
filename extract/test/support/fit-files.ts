import { FitBaseType, FitEncoder, type FitEncoderField } from 'fit-file-parser';

// Builds small, real FIT files with fit-file-parser's own encoder, for the kinds no shared
// sample covers (pool swim with lengths, multisport, weight scale, monitoring, settings).
// Message and field numbers, types and scales: Garmin FIT SDK Profile.xlsx (Messages sheet),
// as fit-file-parser's profile (node_modules/fit-file-parser/dist/profile.js) decodes them.

const MESG = { fileId: 0, session: 18, record: 20, deviceInfo: 23, weightScale: 30, length: 101 } as const;
/** FIT `file` enum: activity 4, settings 2, weight 9, monitoring_b 32. */
export const FIT_FILE_TYPE = { activity: 4, settings: 2, weight: 9, monitoringB: 32 } as const;
/** FIT `sport` / `sub_sport` enums used here. */
export const FIT_SPORT = { running: 1, cycling: 2, transition: 3, swimming: 5 } as const;
export const FIT_SUB_SPORT = { generic: 0, lapSwimming: 17, openWater: 18, indoorCycling: 6 } as const;

const u8 = (number: number, value: number): FitEncoderField => ({
  number,
  size: 1,
  baseType: FitBaseType.Uint8,
  value,
});
const en = (number: number, value: number): FitEncoderField => ({
  number,
  size: 1,
  baseType: FitBaseType.Enum,
  value,
});
const u16 = (number: number, value: number): FitEncoderField => ({
  number,
  size: 2,
  baseType: FitBaseType.Uint16,
  value,
});
const u32 = (number: number, value: number): FitEncoderField => ({
  number,
  size: 4,
  baseType: FitBaseType.Uint32,
  value,
});
const u32z = (number: number, value: number): FitEncoderField => ({
  number,
  size: 4,
  baseType: FitBaseType.Uint32z,
  value,
});
const s32 = (number: number, value: number): FitEncoderField => ({
  number,
  size: 4,
  baseType: FitBaseType.Sint32,
  value,
});
const ts = (number: number, date: Date) => u32(number, FitEncoder.toFitTimestamp(date));
const semicircles = (deg: number) => Math.round((deg * 2 ** 31) / 180);

/** A session of a built file: sport, start, seconds, metres, and optional pool length and lengths. */
export interface BuiltSession {
  readonly sport: number;
  readonly subSport?: number;
  readonly start: Date;
  readonly seconds: number;
  readonly metres: number;
  readonly poolLengthM?: number;
  /** Lengths: seconds and strokes each (freestyle, active). */
  readonly lengths?: readonly { seconds: number; strokes: number }[];
  /** Start position in degrees: records every 10 s get positions moving north. */
  readonly startLatLng?: readonly [number, number];
}

/** A FIT activity file with the given sessions, one record every 10 s, a creator and a heart-rate strap. */
export function buildActivityFit(sessions: readonly BuiltSession[], serial = 3_900_000_001): Buffer {
  const fit = new FitEncoder();
  const first = sessions[0]!.start;
  fit.writeMessage(MESG.fileId, [
    en(0, FIT_FILE_TYPE.activity),
    u16(1, 1),
    u16(2, 2697),
    u32z(3, serial),
    ts(4, first),
  ]);
  fit.writeMessage(MESG.deviceInfo, [
    ts(253, first),
    u8(0, 0),
    u16(2, 1),
    u32z(3, serial),
    u16(4, 2697),
    u16(5, 410),
  ]);
  fit.writeMessage(MESG.deviceInfo, [
    ts(253, first),
    u8(0, 1),
    u8(1, 120),
    u16(2, 1),
    u32z(3, 77),
    u16(4, 2327),
    en(25, 1),
  ]);
  for (const s of sessions) {
    for (let t = 0; t < s.seconds; t += 10) {
      const at = new Date(s.start.getTime() + t * 1000);
      const fields = [
        ts(253, at),
        u8(3, 120 + (t % 30)),
        u32(5, Math.round((s.metres * t) / s.seconds) * 100),
      ];
      if (s.startLatLng)
        fields.push(s32(0, semicircles(s.startLatLng[0] + t * 1e-5)), s32(1, semicircles(s.startLatLng[1])));
      fit.writeMessage(MESG.record, fields);
    }
    let at = s.start.getTime();
    for (const l of s.lengths ?? []) {
      fit.writeMessage(MESG.length, [
        ts(253, new Date(at + l.seconds * 1000)),
        ts(2, new Date(at)),
        u32(3, l.seconds * 1000),
        u32(4, l.seconds * 1000),
        u16(5, l.strokes),
        en(7, 0),
        en(12, 1),
      ]);
      at += l.seconds * 1000;
    }
    const session = [
      ts(253, new Date(s.start.getTime() + s.seconds * 1000)),
      ts(2, s.start),
      en(5, s.sport),
      en(6, s.subSport ?? FIT_SUB_SPORT.generic),
      u32(7, s.seconds * 1000),
      u32(8, s.seconds * 1000),
      u32(9, s.metres * 100),
    ];
    if (s.poolLengthM !== undefined)
      session.push(u16(44, s.poolLengthM * 100), u16(33, s.lengths?.length ?? 0));
    fit.writeMessage(MESG.session, session);
  }
  return Buffer.from(fit.close());
}

/** A FIT file of another type than activity: a weight scale reading, or only a file_id (settings, monitoring). */
export function buildOtherFit(type: number): Buffer {
  const fit = new FitEncoder();
  const at = new Date('2024-03-01T07:00:00Z');
  fit.writeMessage(MESG.fileId, [en(0, type), u16(1, 1), u16(2, 2697), u32z(3, 12345), ts(4, at)]);
  if (type === FIT_FILE_TYPE.weight) fit.writeMessage(MESG.weightScale, [ts(253, at), u16(0, 7250)]);
  return Buffer.from(fit.close());
}
