/** Rotation settings (phase 1 records them; phase 2 rotates). https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html */
import { UnsupportedOperationException } from './errors.js';
import type { KeyRecord } from './state.js';

export const DAY_MS = 86_400_000;
/** "the default rotation period is 365 days" (rotate-keys.html). */
export const DEFAULT_ROTATION_DAYS = 365;

/**
 * Automatic rotation exists for symmetric encryption keys with AWS_KMS material only. Imported
 * material: the key-state table's note 6 wording. Asymmetric and HMAC keys: local-kms records an
 * empty message. // unverified
 */
export function assertRotatable(rec: KeyRecord): void {
  if (rec.origin === 'EXTERNAL') throw new UnsupportedOperationException(`${rec.arn} origin is EXTERNAL which is not valid for this operation.`);
  if (rec.keySpec !== 'SYMMETRIC_DEFAULT') throw new UnsupportedOperationException('');
}
