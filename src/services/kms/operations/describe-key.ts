// https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { keyMetadata } from '../specs.js';

type Op = Operations['DescribeKey'];

export const describeKey = defineOperation<Op['input'], Op['output']>({
  name: 'DescribeKey',
  actions: ['kms:DescribeKey'],
  readOnly: true,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { alias: true });
    await authorizeKey(ctx, 'kms:DescribeKey', key, undefined, undefined, input.GrantTokens);
    assertKeyState(key.rec, 'DescribeKey');
    return { KeyMetadata: keyMetadata(key.rec) };
  },
});
