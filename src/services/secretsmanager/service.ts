/**
 * Secrets Manager acting on its own, outside any request (rotation, the end of a recovery window):
 * a Ctx for the service itself and the CloudTrail `AwsServiceEvent` records AWS writes for such
 * actions (cloudtrail_log_entries.html: "Log entries for rotation", "Log entries for deletion").
 */
import { randomUUID } from 'node:crypto';
import { buildServiceEvent } from '../../audit/event.js';
import { serviceCtx as coreServiceCtx } from '../../core/service-ctx.js';
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
export function serviceCtx(env: Pick<JobEnv, 'clock' | 'barrier' | 'config'>, tx: WriteTx, account: string, region: string): Ctx {
  return coreServiceCtx(env, tx, account, region, {
    actor: SERVICE_PRINCIPAL,
    requestId: randomUUID(),
    authorize: async () => {},
    // The KMS calls the built-in rotation makes are recorded as the service's own events.
    emitEvent: (e) =>
      tx.appendAudit(
        buildServiceEvent({
          timeMs: env.clock.now(),
          eventSource: e.eventSource,
          eventName: e.eventName,
          region,
          account,
          readOnly: e.readOnly,
          invokedBy: SERVICE_PRINCIPAL,
          resources: e.resources,
          requestParameters: e.requestParameters,
          ...(e.responseElements !== undefined ? { responseElements: e.responseElements } : {}),
        }),
      ),
  });
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
  return buildServiceEvent({
    timeMs: e.timeMs,
    eventSource: SERVICE_PRINCIPAL,
    eventName: e.eventName,
    region: e.region,
    account: e.account,
    readOnly: false,
    invokedBy: SERVICE_PRINCIPAL,
    resources: [{ ARN: e.secretArn, accountId: e.account, type: 'AWS::SecretsManager::Secret' }],
    additionalEventData: { SecretId: e.secretArn, ...e.additional },
    ...(e.serviceEventDetails !== undefined ? { serviceEventDetails: e.serviceEventDetails } : {}),
  });
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
