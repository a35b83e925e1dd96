import {
  Encoder,
  Profile,
  type ActivityMesg,
  type DeveloperDataIdMesg,
  type DeviceInfoMesg,
  type Encodable,
  type FieldDescriptionMesg,
  type FileIdMesg,
  type RecordMesg,
  type SessionMesg,
} from '@garmin/fitsdk';

// A FIT activity file with Connect IQ developer fields, written with the Garmin FIT SDK's own
// encoder (@garmin/fitsdk, exact pin, dev only): the FIT samples in ../shared/data declare no
// developer fields, and fit-file-parser's encoder writes none. Built in the test, never committed.

/** What {@link buildDeveloperFieldFit} writes, for the tests' expected values. */
export const DEVELOPER_FIT = {
  start: new Date('2024-05-04T08:00:00Z'),
  /** Records every 10 s over this many seconds. */
  seconds: 600,
  serial: 3_912_345_678,
  /** The heart-rate strap (device index 1). */
  strap: { serial: 55_501, product: 2327 },
  /** A record field (`Power Meter Balance`-like, per record) and a session field. */
  recordField: { name: 'Form Power', units: 'Watts' },
  sessionField: { name: 'Doughnuts Earned', units: 'doughnuts', value: 3.5 },
  startLatLng: [47.37, 8.54] as const,
} as const;

/** The FIT message number of a message name (`RECORD`, `SESSION`...) in the SDK's profile. */
function mesgNum(name: string): number {
  const n = Profile.MesgNum[name];
  if (n === undefined) throw new Error(`no FIT message ${name} in the SDK profile`);
  return n;
}
/** A message of the given name with its number, typed as the SDK's message interface. */
const message = <T extends FileIdMesg | DeviceInfoMesg | RecordMesg | SessionMesg | ActivityMesg>(
  name: string,
  fields: T,
): Encodable<T> => ({ ...fields, mesgNum: mesgNum(name) });
const semicircles = (degrees: number) => Math.round((degrees * 2 ** 31) / 180);
/** The record field's value at second `t`: 200 W plus 1 W a minute. */
export const formPowerAt = (t: number) => 200 + Math.floor(t / 60);

/**
 * A running activity (one session) from a Forerunner-like device with a heart-rate strap, whose
 * records carry the developer field `Form Power` (W) and whose session carries `Doughnuts Earned`.
 */
export function buildDeveloperFieldFit(): Buffer {
  const f = DEVELOPER_FIT;
  const developerDataIdMesg: Encodable<DeveloperDataIdMesg> = {
    mesgNum: mesgNum('DEVELOPER_DATA_ID'),
    developerDataIndex: 0,
    applicationId: Array.from({ length: 16 }, (_, i) => i + 1),
    applicationVersion: 7,
  };
  const recordFieldMesg: Encodable<FieldDescriptionMesg> = {
    mesgNum: mesgNum('FIELD_DESCRIPTION'),
    developerDataIndex: 0,
    fieldDefinitionNumber: 0,
    fitBaseTypeId: 132, // uint16 (FIT base type 0x84)
    fieldName: f.recordField.name,
    units: f.recordField.units,
    nativeMesgNum: 'record',
  };
  const sessionFieldMesg: Encodable<FieldDescriptionMesg> = {
    mesgNum: mesgNum('FIELD_DESCRIPTION'),
    developerDataIndex: 0,
    fieldDefinitionNumber: 1,
    fitBaseTypeId: 136, // float32 (FIT base type 0x88)
    fieldName: f.sessionField.name,
    units: f.sessionField.units,
    nativeMesgNum: 'session',
  };
  const encoder = new Encoder({
    fieldDescriptions: {
      0: { developerDataIdMesg, fieldDescriptionMesg: recordFieldMesg },
      1: { developerDataIdMesg, fieldDescriptionMesg: sessionFieldMesg },
    },
  });
  const end = new Date(f.start.getTime() + f.seconds * 1000);
  encoder.writeMesg(
    message<FileIdMesg>('FILE_ID', {
      type: 'activity',
      manufacturer: 'garmin',
      product: 2697,
      serialNumber: f.serial,
      timeCreated: f.start,
    }),
  );
  encoder.writeMesg(
    message<DeviceInfoMesg>('DEVICE_INFO', {
      timestamp: f.start,
      deviceIndex: 'creator',
      manufacturer: 'garmin',
      serialNumber: f.serial,
      product: 2697,
      softwareVersion: 4.1,
    }),
  );
  encoder.writeMesg(
    message<DeviceInfoMesg>('DEVICE_INFO', {
      timestamp: f.start,
      deviceIndex: 1,
      deviceType: 120, // ANT+ heart rate
      manufacturer: 'garmin',
      serialNumber: f.strap.serial,
      product: f.strap.product,
      sourceType: 'antplus',
      batteryStatus: 'good',
    }),
  );
  encoder.writeMesg(developerDataIdMesg);
  encoder.writeMesg(recordFieldMesg);
  encoder.writeMesg(sessionFieldMesg);
  for (let t = 0; t < f.seconds; t += 10)
    encoder.writeMesg(
      message<RecordMesg>('RECORD', {
        timestamp: new Date(f.start.getTime() + t * 1000),
        positionLat: semicircles(f.startLatLng[0] + t * 1e-5),
        positionLong: semicircles(f.startLatLng[1]),
        heartRate: 140 + (t % 20),
        distance: t * 3,
        developerFields: { 0: formPowerAt(t) },
      }),
    );
  encoder.writeMesg(
    message<SessionMesg>('SESSION', {
      timestamp: end,
      startTime: f.start,
      sport: 'running',
      subSport: 'generic',
      totalElapsedTime: f.seconds,
      totalTimerTime: f.seconds,
      totalDistance: f.seconds * 3,
      developerFields: { 1: f.sessionField.value },
    }),
  );
  encoder.writeMesg(message<ActivityMesg>('ACTIVITY', { timestamp: end, numSessions: 1, type: 'manual' }));
  return Buffer.from(encoder.close());
}
