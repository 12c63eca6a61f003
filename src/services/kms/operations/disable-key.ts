// https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKey.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { putKeyRecord } from '../state.js';

type Op = Operations['DisableKey'];

export const disableKey = defineOperation<Op['input'], Op['output']>({
  name: 'DisableKey',
  actions: ['kms:DisableKey'],
  readOnly: false,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { purge: true });
    await authorizeKey(ctx, 'kms:DisableKey', key);
    assertKeyState(key.rec, 'DisableKey');
    if (key.rec.state !== 'Disabled') putKeyRecord(ctx, { ...key.rec, state: 'Disabled' }, key.version);
    return {};
  },
});
