// https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { assertRotatable } from '../rotation.js';

type Op = Operations['GetKeyRotationStatus'];

export const getKeyRotationStatus = defineOperation<Op['input'], Op['output']>({
  name: 'GetKeyRotationStatus',
  actions: ['kms:GetKeyRotationStatus'],
  readOnly: true,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId);
    await authorizeKey(ctx, 'kms:GetKeyRotationStatus', key);
    assertKeyState(key.rec, 'GetKeyRotationStatus');
    assertRotatable(key.rec);
    // "While a KMS key is pending deletion, its key rotation status is false" (rotate-keys.html).
    const r = key.rec.rotation;
    const enabled = r.enabled && key.rec.state !== 'PendingDeletion';
    return {
      KeyId: key.rec.keyId, // the API reference's example answers the key id // unverified
      KeyRotationEnabled: enabled,
      ...(enabled ? { RotationPeriodInDays: r.periodDays } : {}),
      ...(enabled && r.nextMs !== undefined ? { NextRotationDate: new Date(r.nextMs) } : {}),
    };
  },
});
