/**
 * LookupEvents over Warden's audit log: the attribute filters, the projection of a stored record
 * to an `Event`, and the NextToken codec.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html
 */
import type { StoredAuditRecord } from '../../store/store.js';
import type { EventShape as Event, LookupAttribute } from './model.gen.js';

/** The parts of a stored CloudTrail record LookupEvents reads. */
interface ParsedRecord {
  readonly userIdentity?: { type?: string; userName?: string; principalId?: string; accessKeyId?: string; arn?: string };
  readonly readOnly?: boolean;
  readonly resources?: readonly { ARN?: string; type?: string }[];
}

const parse = (r: StoredAuditRecord): ParsedRecord => JSON.parse(r.json) as ParsedRecord;

/**
 * Event history's "User name": the IAM user's name, `root` for the root user, the session name
 * for an assumed role. // unverified: `root` (what the console's Event history shows for root).
 */
export function username(rec: ParsedRecord): string | undefined {
  const id = rec.userIdentity;
  if (id === undefined) return undefined;
  switch (id.type) {
    case 'Root':
      return id.userName ?? 'root';
    case 'IAMUser':
      return id.userName;
    case 'AssumedRole':
    case 'FederatedUser':
      return id.principalId?.includes(':') ? id.principalId.slice(id.principalId.indexOf(':') + 1) : id.arn?.split('/').pop();
    default:
      return undefined;
  }
}

/** Indexed filters the store can apply, and a post-filter over the record for the rest. */
export interface AttributeFilter {
  readonly eventName?: string;
  readonly eventId?: string;
  readonly eventSource?: string;
  readonly match?: (r: StoredAuditRecord) => boolean;
}

export function attributeFilter(attr: LookupAttribute | undefined): AttributeFilter {
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
      return { match: (r) => String(parse(r).readOnly === true) === v };
    case 'Username':
      return { match: (r) => username(parse(r)) === v };
    case 'AccessKeyId':
      return { match: (r) => r.json.includes(v) && parse(r).userIdentity?.accessKeyId === v };
    case 'ResourceName':
      return { match: (r) => r.json.includes('"resources"') && (parse(r).resources ?? []).some((x) => x.ARN === v) };
    case 'ResourceType':
      return { match: (r) => r.json.includes('"resources"') && (parse(r).resources ?? []).some((x) => x.type === v) };
    default:
      return { match: () => false };
  }
}

export function toEvent(r: StoredAuditRecord): Event {
  const rec = parse(r);
  const user = username(rec);
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

/** NextToken: the seq of the last event returned, bound to the query it came from. Opaque. */
export function encodeToken(seq: number, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ s: seq, f: fingerprint }), 'utf8').toString('base64');
}

export function decodeToken(token: string, fingerprint: string): number | undefined {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { s?: unknown; f?: unknown };
    return typeof t.s === 'number' && Number.isSafeInteger(t.s) && t.s > 0 && t.f === fingerprint ? t.s : undefined;
  } catch {
    return undefined;
  }
}
