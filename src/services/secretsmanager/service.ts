/**
 * Secrets Manager acting on its own, outside any request (rotation, the end of a recovery window):
 * a Ctx for the service itself and the CloudTrail `AwsServiceEvent` records AWS writes for such
 * actions (cloudtrail_log_entries.html: "Log entries for rotation", "Log entries for deletion").
 */
import { randomUUID } from 'node:crypto';
import { eventTime, EVENT_VERSION } from '../../audit/event.js';
import type { Ctx, JobEnv, JsonObject } from '../../core/operation.js';
import type { AuditRecord, WriteTx } from '../../store/store.js';
import { deleteSecretRecord, type SecretRecord } from './state.js';

export const SERVICE_PRINCIPAL = 'secretsmanager.amazonaws.com';

/**
 * The service's own context in `account`/`region`. AWS does not evaluate IAM for a service's own
 * work; `authorize` allows and records nothing. Used by the built-in rotation to encrypt the
 * new version under the secret's KMS key.
 * // Differs from AWS: the key policy is not consulted for the built-in rotation's KMS use (AWS
 * would run a Lambda whose execution role needs kms:GenerateDataKey / kms:Decrypt).
 */
export function serviceCtx(env: Pick<JobEnv, 'clock' | 'barrier'>, tx: WriteTx, account: string, region: string): Ctx {
  return {
    requestId: randomUUID(),
    principal: { type: 'Root', account, arn: `arn:aws:iam::${account}:root`, principalId: account, accessKeyId: '' },
    account,
    region,
    tx,
    clock: env.clock,
    sourceIp: SERVICE_PRINCIPAL,
    userAgent: SERVICE_PRINCIPAL,
    authorize: async () => {},
    audit: { addResource: () => {}, additionalEventData: () => {} },
    barrier: env.barrier,
  };
}

export interface ServiceEventInput {
  readonly eventName: string;
  readonly account: string;
  readonly region: string;
  readonly timeMs: number;
  readonly secretArn: string;
  /** Merged into additionalEventData (beside SecretId). */
  readonly additional?: JsonObject;
  readonly serviceEventDetails?: JsonObject;
}

/**
 * An AwsServiceEvent as CloudTrail records it for AWS's own actions (non-api-aws-service-events.html:
 * userIdentity {accountId, invokedBy}, requestParameters/responseElements null); Secrets Manager's
 * rotation events carry the secret in additionalEventData.SecretId. // unverified: the rest of the
 * Secrets Manager records field by field (sourceIPAddress/userAgent as the service principal).
 */
export function serviceEvent(e: ServiceEventInput): AuditRecord {
  const eventId = randomUUID();
  const requestId = randomUUID();
  const time = eventTime(e.timeMs);
  const record: JsonObject = {
    eventVersion: EVENT_VERSION,
    userIdentity: { accountId: e.account, invokedBy: SERVICE_PRINCIPAL },
    eventTime: time,
    eventSource: SERVICE_PRINCIPAL,
    eventName: e.eventName,
    awsRegion: e.region,
    sourceIPAddress: SERVICE_PRINCIPAL,
    userAgent: SERVICE_PRINCIPAL,
    requestParameters: null,
    responseElements: null,
    additionalEventData: { SecretId: e.secretArn, ...e.additional },
    requestID: requestId,
    eventID: eventId,
    readOnly: false,
    resources: [{ ARN: e.secretArn, accountId: e.account, type: 'AWS::SecretsManager::Secret' }],
    eventType: 'AwsServiceEvent',
    managementEvent: true,
    recipientAccountId: e.account,
    eventCategory: 'Management',
    ...(e.serviceEventDetails !== undefined ? { serviceEventDetails: e.serviceEventDetails } : {}),
  };
  return { eventId, eventTime: time, account: e.account, region: e.region, eventSource: SERVICE_PRINCIPAL, eventName: e.eventName, requestId, json: JSON.stringify(record) };
}

/**
 * The version-deletion events AWS records ("Logging Secrets Manager events with CloudTrail":
 * StartSecretVersionDelete, CancelSecretVersionDelete, EndSecretVersionDelete), one per version.
 * // unverified: the record's fields beyond the event name (Warden: serviceEventDetails.versionId)
 */
export function versionDeleteEvents(tx: Pick<WriteTx, 'appendAudit'>, eventName: 'StartSecretVersionDelete' | 'CancelSecretVersionDelete' | 'EndSecretVersionDelete', rec: SecretRecord, nowMs: number): void {
  for (const v of rec.versions) {
    tx.appendAudit(serviceEvent({ eventName, account: rec.account, region: rec.region, timeMs: nowMs, secretArn: rec.arn, serviceEventDetails: { versionId: v.id } }));
  }
}

/** Deletes a secret for good (end of its recovery window, or ForceDeleteWithoutRecovery). */
export function purgeSecret(tx: WriteTx, rec: SecretRecord, nowMs: number): void {
  deleteSecretRecord({ tx }, rec);
  versionDeleteEvents(tx, 'EndSecretVersionDelete', rec, nowMs);
}
