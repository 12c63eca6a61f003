// https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKey.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { putKeyRecord } from '../state.js';

type Op = Operations['EnableKey'];

export const enableKey = defineOperation<Op['input'], Op['output']>({
  name: 'EnableKey',
  actions: ['kms:EnableKey'],
  readOnly: false,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { purge: true });
    await authorizeKey(ctx, 'kms:EnableKey', key);
    assertKeyState(key.rec, 'EnableKey');
    if (key.rec.state !== 'Enabled') putKeyRecord(ctx, { ...key.rec, state: 'Enabled' }, key.version);
    return {};
  },
});
