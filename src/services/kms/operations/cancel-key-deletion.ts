// https://docs.aws.amazon.com/kms/latest/APIReference/API_CancelKeyDeletion.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { deleteDeletionIndex, putKeyRecord } from '../state.js';

type Op = Operations['CancelKeyDeletion'];

export const cancelKeyDeletion = defineOperation<Op['input'], Op['output']>({
  name: 'CancelKeyDeletion',
  actions: ['kms:CancelKeyDeletion'],
  readOnly: false,
  audit: { response: (out) => ({ keyId: out.KeyId ?? null }) },
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { purge: true });
    await authorizeKey(ctx, 'kms:CancelKeyDeletion', key);
    assertKeyState(key.rec, 'CancelKeyDeletion');
    deleteDeletionIndex(ctx, key.rec);
    // "the key state of the KMS key is Disabled. To enable the KMS key, use EnableKey." (API
    // reference); a key still waiting for imported material goes back to PendingImport.
    const { deletionMs: _d, pendingWindowDays: _p, ...rest } = key.rec;
    putKeyRecord(ctx, { ...rest, state: rest.backing.length === 0 ? 'PendingImport' : 'Disabled' }, key.version);
    return { KeyId: key.rec.arn };
  },
});
