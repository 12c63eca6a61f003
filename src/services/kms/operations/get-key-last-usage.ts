// https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyLastUsage.html
import { defineOperation } from '../../../core/operation.js';
import type { StoredAuditRecord } from '../../../store/store.js';
import { authorizeKey } from '../common.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { KeyLastUsageTrackingOperation, Operations } from '../model.gen.js';

type Op = Operations['GetKeyLastUsage'];

// The operations KMS tracks (the KeyLastUsageTrackingOperation enum).
const TRACKED: ReadonlySet<string> = new Set<KeyLastUsageTrackingOperation>([
  'Decrypt', 'DeriveSharedSecret', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext',
  'GenerateDataKeyWithoutPlaintext', 'GenerateMac', 'ReEncrypt', 'Sign', 'Verify', 'VerifyMac',
]);

/** Warden keeps events for 90 days (CloudTrail's event history): older use is not known. */
const RETENTION_MS = 90 * 24 * 3600 * 1000;

const successful = (r: StoredAuditRecord): boolean => TRACKED.has(r.eventName) && !r.json.includes('"errorCode":');

/**
 * Read from the audit log: the key's newest successful cryptographic event, whether the caller
 * made it or a service on the caller's behalf (both carry the key as resource). Tracking starts
 * at the key's creation, or 90 days back when events older than that are gone.
 */
export const getKeyLastUsage = defineOperation<Op['input'], Op['output']>({
  name: 'GetKeyLastUsage',
  actions: ['kms:GetKeyLastUsage'],
  readOnly: true,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId);
    await authorizeKey(ctx, 'kms:GetKeyLastUsage', key);
    assertKeyState(key.rec, 'GetKeyLastUsage');
    const [last] = await ctx.tx.queryAudit({
      account: key.rec.account,
      region: key.rec.region,
      eventSource: 'kms.amazonaws.com',
      attribute: { key: 'ResourceName', value: key.rec.arn },
      match: successful,
      limit: 1,
    });
    return {
      KeyId: key.rec.arn, // unverified: id or ARN in the answer
      ...(last !== undefined
        ? {
            KeyLastUsage: {
              Operation: last.eventName as KeyLastUsageTrackingOperation,
              Timestamp: new Date(last.eventTime),
              CloudTrailEventId: last.eventId,
              KmsRequestId: last.requestId,
            },
          }
        : {}),
      TrackingStartDate: new Date(Math.max(key.rec.createdMs, ctx.clock.now() - RETENTION_MS)),
      KeyCreationDate: new Date(key.rec.createdMs),
    };
  },
});
