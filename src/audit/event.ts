import { randomUUID } from 'node:crypto';
import type { JsonObject, JsonValue } from '../core/operation.js';
import type { Principal } from '../core/principal.js';
import type { AuditAttribute, AuditRecord } from '../store/store.js';

/** CloudTrail record format version Warden writes. */
export const EVENT_VERSION = '1.11';

export interface AuditResource {
  readonly ARN: string;
  readonly accountId?: string;
  readonly type?: string;
}

/** What the pipeline knows about one request when it writes its event. */
export interface EventInput {
  readonly requestId: string;
  readonly timeMs: number;
  readonly eventSource: string;
  readonly eventName: string;
  readonly region: string;
  readonly apiVersion?: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  /** Undefined when the request failed before Warden knew who sent it. */
  readonly principal?: Principal;
  /** The access key the request named, even when it could not be resolved. */
  readonly accessKeyId?: string;
  /** The account an unauthenticated request is recorded under. */
  readonly recipientAccount: string;
  readonly readOnly?: boolean;
  readonly eventCategory: 'Management' | 'Data';
  readonly requestParameters: JsonObject | null;
  readonly responseElements: JsonObject | null;
  readonly additionalEventData?: JsonObject;
  readonly resources: readonly AuditResource[];
  readonly error?: { readonly code: string; readonly message: string };
  readonly tls?: { readonly tlsVersion: string; readonly cipherSuite: string; readonly clientProvidedHostHeader: string };
}

/** CloudTrail's eventTime: UTC, second precision. */
export const eventTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function userIdentity(p: Principal | undefined, accessKeyId: string | undefined): JsonObject {
  if (p === undefined) return accessKeyId ? { type: 'Unknown', accessKeyId } : { type: 'Unknown' };
  const id: JsonObject = { type: p.type, principalId: p.principalId, arn: p.arn, accountId: p.account, accessKeyId: p.accessKeyId };
  if (p.userName !== undefined) id['userName'] = p.userName;
  if (p.sessionIssuer !== undefined || p.session !== undefined) {
    const ctx: JsonObject = {};
    if (p.sessionIssuer) {
      const { type, principalId, arn, account, userName } = p.sessionIssuer;
      ctx['sessionIssuer'] = { type, principalId, arn, accountId: account, userName };
    }
    if (p.session) ctx['attributes'] = { creationDate: p.session.creationDate, mfaAuthenticated: String(p.session.mfaAuthenticated) };
    if (p.sessionData?.sourceIdentity !== undefined) ctx['sourceIdentity'] = p.sessionData.sourceIdentity;
    id['sessionContext'] = ctx;
  }
  return id;
}

/**
 * Event history's "User name" of a record's userIdentity: the IAM user's name, `root` for the
 * root user, the session name for an assumed role or federated user.
 * // unverified: `root` (what the console's Event history shows for root).
 */
export function lookupUsername(id: { type?: string; userName?: string; principalId?: string; arn?: string } | undefined): string | undefined {
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

/** The LookupEvents attributes the store indexes beside its columns. */
function lookupAttributes(identity: JsonObject, readOnly: boolean | undefined, resources: readonly AuditResource[]): AuditAttribute[] {
  const out: AuditAttribute[] = [];
  const user = lookupUsername(identity as { type?: string });
  if (user !== undefined) out.push({ key: 'Username', value: user });
  const key = identity['accessKeyId'];
  if (typeof key === 'string' && key !== '') out.push({ key: 'AccessKeyId', value: key });
  if (readOnly !== undefined) out.push({ key: 'ReadOnly', value: String(readOnly) });
  for (const r of resources) {
    out.push({ key: 'ResourceName', value: r.ARN });
    if (r.type !== undefined) out.push({ key: 'ResourceType', value: r.type });
  }
  return out;
}

/** Builds the CloudTrail record and the indexed columns it is stored with. */
export function buildEvent(e: EventInput): AuditRecord {
  const eventId = randomUUID();
  const time = eventTime(e.timeMs);
  const identity = userIdentity(e.principal, e.accessKeyId);
  const record: Record<string, JsonValue | undefined> = {
    eventVersion: EVENT_VERSION,
    userIdentity: identity,
    eventTime: time,
    eventSource: e.eventSource,
    eventName: e.eventName,
    awsRegion: e.region,
    sourceIPAddress: e.sourceIp,
    userAgent: e.userAgent,
    errorCode: e.error?.code,
    errorMessage: e.error?.message,
    requestParameters: e.requestParameters,
    responseElements: e.responseElements,
    additionalEventData: e.additionalEventData,
    requestID: e.requestId,
    eventID: eventId,
    readOnly: e.readOnly,
    resources: e.resources.length > 0 ? e.resources.map((r) => ({ ...r })) : undefined,
    eventType: 'AwsApiCall',
    apiVersion: e.apiVersion,
    managementEvent: e.eventCategory === 'Management',
    recipientAccountId: e.principal?.account ?? e.recipientAccount,
    eventCategory: e.eventCategory,
    tlsDetails: e.tls,
  };
  return {
    eventId,
    eventTime: time,
    account: (record['recipientAccountId'] as string),
    region: e.region,
    eventSource: e.eventSource,
    eventName: e.eventName,
    requestId: e.requestId,
    json: JSON.stringify(record),
    // Event history (LookupEvents) shows management events only: only they get lookup attributes.
    ...(e.eventCategory === 'Management' ? { attributes: lookupAttributes(identity, e.readOnly, e.resources) } : {}),
    eventCategory: e.eventCategory,
  };
}
