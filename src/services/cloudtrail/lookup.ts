/**
 * LookupEvents over Warden's audit log: the attribute filters, the projection of a stored record
 * to an `Event`, and the NextToken codec.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html
 */
import { lookupUsername } from '../../audit/event.js';
import type { AuditQuery, StoredAuditRecord } from '../../store/store.js';
import type { EventShape as Event, LookupAttribute } from './model.gen.js';

/** The parts of a stored CloudTrail record LookupEvents reads. */
interface ParsedRecord {
  readonly userIdentity?: { type?: string; userName?: string; principalId?: string; accessKeyId?: string; arn?: string };
  readonly readOnly?: boolean;
  readonly resources?: readonly { ARN?: string; type?: string }[];
}

const parse = (r: StoredAuditRecord): ParsedRecord => JSON.parse(r.json) as ParsedRecord;

/** A LookupAttribute as an indexed store filter: a column of the audit table or a derived attribute. */
export function attributeFilter(attr: LookupAttribute | undefined): Pick<AuditQuery, 'eventName' | 'eventId' | 'eventSource' | 'attribute' | 'match'> {
  if (attr === undefined) return {};
  const v = attr.AttributeValue;
  switch (attr.AttributeKey) {
    case 'EventName':
      return { eventName: v };
    case 'EventId':
      return { eventId: v };
    case 'EventSource':
      return { eventSource: v };
    case 'ReadOnly':
    case 'Username':
    case 'AccessKeyId':
    case 'ResourceName':
    case 'ResourceType':
      return { attribute: { key: attr.AttributeKey, value: v } };
    default:
      // The model's enum admits nothing else; the validator answers first.
      return { match: () => false };
  }
}

export function toEvent(r: StoredAuditRecord): Event {
  const rec = parse(r);
  const user = lookupUsername(rec.userIdentity);
  const resources = (rec.resources ?? []).map((x) => ({ ...(x.type !== undefined ? { ResourceType: x.type } : {}), ...(x.ARN !== undefined ? { ResourceName: x.ARN } : {}) }));
  return {
    EventId: r.eventId,
    EventName: r.eventName,
    ...(rec.readOnly !== undefined ? { ReadOnly: String(rec.readOnly) } : {}),
    ...(rec.userIdentity?.accessKeyId !== undefined ? { AccessKeyId: rec.userIdentity.accessKeyId } : {}),
    EventTime: new Date(r.eventTime),
    EventSource: r.eventSource,
    ...(user !== undefined ? { Username: user } : {}),
    Resources: resources,
    CloudTrailEvent: r.json,
  };
}

/** NextToken: the position (eventTime, seq) of the last event returned, bound to the query it came from. Opaque. */
export interface Cursor {
  readonly eventTime: string;
  readonly seq: number;
}

export function encodeToken(c: Cursor, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ t: c.eventTime, s: c.seq, f: fingerprint }), 'utf8').toString('base64');
}

export function decodeToken(token: string, fingerprint: string): Cursor | undefined {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { t?: unknown; s?: unknown; f?: unknown };
    if (typeof t.t !== 'string' || typeof t.s !== 'number' || !Number.isSafeInteger(t.s) || t.s <= 0 || t.f !== fingerprint) return undefined;
    return { eventTime: t.t, seq: t.s };
  } catch {
    return undefined;
  }
}
