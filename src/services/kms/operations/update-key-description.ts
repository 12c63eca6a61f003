// https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateKeyDescription.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { putKeyRecord } from '../state.js';

type Op = Operations['UpdateKeyDescription'];

export const updateKeyDescription = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateKeyDescription',
  actions: ['kms:UpdateKeyDescription'],
  readOnly: false,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { purge: true });
    await authorizeKey(ctx, 'kms:UpdateKeyDescription', key);
    assertKeyState(key.rec, 'UpdateKeyDescription');
    putKeyRecord(ctx, { ...key.rec, description: input.Description }, key.version);
    return {};
  },
});
