/**
 * The CloudTrail events KMS writes for what it does on its own (AwsServiceEvent, userIdentity
 * `{ accountId, invokedBy: "AWS Internal" }`):
 * - DeleteKey when a key's waiting period ends (KMS developer guide, ct-delete-key.html: since
 *   December 2022 with the key ARN in responseElements.keyId);
 * - RotateKey for each automatic rotation (CloudTrail user guide, non-api-aws-service-events.html:
 *   serviceEventDetails `{ rotationType: "AUTOMATIC", keyId }`).
 */
import { buildServiceEvent } from '../../audit/event.js';
import type { AuditRecord } from '../../store/store.js';
import type { KeyRecord } from './state.js';

const resources = (rec: KeyRecord) => [{ ARN: rec.arn, accountId: rec.account, type: 'AWS::KMS::Key' }];

export const deleteKeyEvent = (rec: KeyRecord, nowMs: number): AuditRecord =>
  buildServiceEvent({
    timeMs: nowMs,
    eventSource: 'kms.amazonaws.com',
    eventName: 'DeleteKey',
    region: rec.region,
    account: rec.account,
    readOnly: false,
    resources: resources(rec),
    responseElements: { keyId: rec.arn },
  });

export const rotateKeyEvent = (rec: KeyRecord, nowMs: number): AuditRecord =>
  buildServiceEvent({
    timeMs: nowMs,
    eventSource: 'kms.amazonaws.com',
    eventName: 'RotateKey',
    region: rec.region,
    account: rec.account,
    readOnly: false,
    resources: resources(rec),
    serviceEventDetails: { rotationType: 'AUTOMATIC', keyId: rec.keyId },
  });
