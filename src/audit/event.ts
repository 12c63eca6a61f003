import { timeOrderedUuid } from '../core/ids.js';
import { isoSeconds } from '../core/clock.js';
import { trustedAuditRecord } from '../store/audit-log.js';
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
  /** userIdentity.invokedBy: the AWS service that made the call on the principal's behalf. */
  readonly invokedBy?: string;
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
export const eventTime = isoSeconds;

export function userIdentity(p: Principal | undefined, accessKeyId: string | undefined): JsonObject {
  if (p === undefined) return accessKeyId ? { type: 'Unknown', accessKeyId } : { type: 'Unknown' };
  // CloudTrail UG, cloudtrail-event-reference-user-identity ("Values for AWS STS APIs with SAML and web identity federation").
  if (p.type === 'WebIdentityUser' || p.type === 'SAMLUser') return { type: p.type, principalId: p.principalId, userName: p.userName ?? '', identityProvider: p.federated?.provider ?? '' };
  const id: JsonObject = { type: p.type, principalId: p.principalId, arn: p.arn, accountId: p.account, accessKeyId: p.accessKeyId };
  if (p.userName !== undefined) id['userName'] = p.userName;
  if (p.sessionIssuer !== undefined || p.session !== undefined) {
    const ctx: JsonObject = {};
    if (p.sessionIssuer) {
      const { type, principalId, arn, account, userName } = p.sessionIssuer;
      ctx['sessionIssuer'] = { type, principalId, arn, accountId: account, userName };
    }
    if (p.session) ctx['attributes'] = { creationDate: p.session.creationDate, mfaAuthenticated: String(p.session.mfaAuthenticated) };
    if (p.sessionData?.webIdentity !== undefined) ctx['webIdFederationData'] = { federatedProvider: p.sessionData.webIdentity.federatedProvider, attributes: {} };
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
  const eventId = timeOrderedUuid(e.timeMs);
  const time = eventTime(e.timeMs);
  const identity = userIdentity(e.principal, e.accessKeyId);
  const record: Record<string, JsonValue | undefined> = {
    eventVersion: EVENT_VERSION,
    userIdentity: e.invokedBy === undefined ? identity : { ...identity, invokedBy: e.invokedBy },
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
  return trustedAuditRecord({
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
  });
}

/** A call an AWS service makes as itself (CloudTrail asking KMS for a log file's data key). */
export interface ServicePrincipalEventInput {
  readonly timeMs: number;
  /** The calling service principal, e.g. `cloudtrail.amazonaws.com`. */
  readonly service: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly region: string;
  /** The account the event is recorded in: the resource owner's. */
  readonly account: string;
  readonly readOnly: boolean;
  readonly requestParameters: JsonObject | null;
  readonly resources: readonly AuditResource[];
  readonly error?: { readonly code: string; readonly message: string };
}

/**
 * The record of a service principal's API call (CloudTrail UG, cloudtrail-event-reference-user-
 * identity: type `AWSService` "A request that is made by an AWS service account"): userIdentity
 * `{type: "AWSService", invokedBy}`, the service as sourceIPAddress and userAgent.
 */
export function buildServicePrincipalEvent(e: ServicePrincipalEventInput): AuditRecord {
  const eventId = timeOrderedUuid(e.timeMs);
  const requestId = timeOrderedUuid(e.timeMs);
  const time = eventTime(e.timeMs);
  const identity: JsonObject = { type: 'AWSService', invokedBy: e.service };
  const record: Record<string, JsonValue | undefined> = {
    eventVersion: EVENT_VERSION,
    userIdentity: identity,
    eventTime: time,
    eventSource: e.eventSource,
    eventName: e.eventName,
    awsRegion: e.region,
    sourceIPAddress: e.service,
    userAgent: e.service,
    errorCode: e.error?.code,
    errorMessage: e.error?.message,
    requestParameters: e.requestParameters,
    responseElements: null,
    requestID: requestId,
    eventID: eventId,
    readOnly: e.readOnly,
    resources: e.resources.length > 0 ? e.resources.map((r) => ({ ...r })) : undefined,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: e.account,
    eventCategory: 'Management',
  };
  return trustedAuditRecord({
    eventId,
    eventTime: time,
    account: e.account,
    region: e.region,
    eventSource: e.eventSource,
    eventName: e.eventName,
    requestId,
    json: JSON.stringify(record),
    attributes: lookupAttributes(identity, e.readOnly, e.resources),
    eventCategory: 'Management',
  });
}

/** What a service does on its own, outside any request (KMS deleting a key when its waiting period ends). */
export interface ServiceEventInput {
  readonly timeMs: number;
  readonly eventSource: string;
  readonly eventName: string;
  readonly region: string;
  /** The account the event belongs to (userIdentity.accountId, recipientAccountId). */
  readonly account: string;
  readonly readOnly: boolean;
  readonly resources: readonly AuditResource[];
  readonly requestParameters?: JsonObject | null;
  readonly responseElements?: JsonObject | null;
  readonly serviceEventDetails?: JsonObject;
  readonly additionalEventData?: JsonObject;
  /** userIdentity.invokedBy, sourceIPAddress and userAgent; default `AWS Internal`. */
  readonly invokedBy?: string;
}

/**
 * A CloudTrail `AwsServiceEvent` (awscloudtrail userguide, non-api-aws-service-events): no caller,
 * `userIdentity: { accountId, invokedBy: "AWS Internal" }`, `AWS Internal` as source and agent,
 * no requestID. Indexed under a fresh id so that it can still be looked up.
 */
export function buildServiceEvent(e: ServiceEventInput): AuditRecord {
  const eventId = timeOrderedUuid(e.timeMs);
  const time = eventTime(e.timeMs);
  const record: Record<string, JsonValue | undefined> = {
    eventVersion: EVENT_VERSION,
    userIdentity: { accountId: e.account, invokedBy: e.invokedBy ?? 'AWS Internal' },
    eventTime: time,
    eventSource: e.eventSource,
    eventName: e.eventName,
    awsRegion: e.region,
    sourceIPAddress: e.invokedBy ?? 'AWS Internal',
    userAgent: e.invokedBy ?? 'AWS Internal',
    requestParameters: e.requestParameters ?? null,
    responseElements: e.responseElements ?? null,
    additionalEventData: e.additionalEventData,
    eventID: eventId,
    readOnly: e.readOnly,
    resources: e.resources.length > 0 ? e.resources.map((r) => ({ ...r })) : undefined,
    eventType: 'AwsServiceEvent',
    managementEvent: true,
    recipientAccountId: e.account,
    serviceEventDetails: e.serviceEventDetails,
    eventCategory: 'Management',
  };
  return { eventId, eventTime: time, account: e.account, region: e.region, eventSource: e.eventSource, eventName: e.eventName, requestId: eventId, json: JSON.stringify(record) };
}

/**
 * The records of one request: the caller's account's, and — when the request used a resource of
 * another account (cross-account AssumeRole, a KMS key shared across accounts) — one more for each
 * such account. CloudTrail delivers "separate CloudTrail events for the same action" to each, with
 * "the same sharedEventID, but also … a unique eventID and recipientAccountId" (CloudTrail UG,
 * cloudtrail-event-reference-record-contents). In the resource owner's copy the caller is an
 * `AWSAccount` ("the request came from another AWS account").
 */
// unverified: the exact userIdentity fields of the owner's copy (type, principalId, accountId, as in KMS's cross-account examples).
export function buildEvents(e: EventInput): AuditRecord[] {
  const main = buildEvent(e);
  const caller = e.principal;
  if (caller === undefined) return [main];
  const others = [...new Set(e.resources.map((r) => r.accountId).filter((a): a is string => a !== undefined && a !== caller.account))];
  if (others.length === 0) return [main];
  const shared = randomUUID();
  const record = JSON.parse(main.json) as Record<string, JsonValue>;
  const out: AuditRecord[] = [];
  for (const account of others) {
    const eventId = timeOrderedUuid(e.timeMs);
    const copy = { ...record, userIdentity: { type: 'AWSAccount', principalId: caller.principalId, accountId: caller.account }, eventID: eventId, recipientAccountId: account, sharedEventID: shared };
    out.push({ ...main, eventId, account, json: JSON.stringify(copy) });
  }
  // The caller's record last: newest first, it stays the one a request id looks up (`warden explain`).
  out.push({ ...main, json: JSON.stringify({ ...record, sharedEventID: shared }) });
  return out;
}
