/** The Segment spec call types (https://segment.com/docs/connections/spec/). */
export const SEGMENT_TYPES: ReadonlySet<string> = new Set([
  'track',
  'page',
  'screen',
  'identify',
  'group',
  'alias',
]);

const isInstant = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v));

/**
 * Why an event breaks the Segment spec's common fields, or `undefined` when it is usable: a known
 * `type`, a `messageId`, an ISO `timestamp` (https://segment.com/docs/connections/spec/common/),
 * a `userId` or an `anonymousId`, and for `track` an `event` name.
 */
export function segmentProblem(e: Readonly<Record<string, unknown>>): string | undefined {
  if (typeof e.type !== 'string' || !SEGMENT_TYPES.has(e.type))
    return `type ${JSON.stringify(e.type)} is not a Segment call type`;
  if (typeof e.messageId !== 'string' || e.messageId === '') return 'messageId is missing';
  if (!isInstant(e.timestamp)) return `timestamp ${JSON.stringify(e.timestamp)} is not an ISO 8601 instant`;
  const id = (v: unknown) => (typeof v === 'string' && v !== '') || typeof v === 'number';
  if (!id(e.userId) && !id(e.anonymousId)) return 'neither userId nor anonymousId is set';
  if (e.type === 'track' && (typeof e.event !== 'string' || e.event.trim() === ''))
    return 'a track event has no event name';
  return undefined;
}
