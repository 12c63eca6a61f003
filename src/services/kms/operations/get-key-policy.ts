// https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { NotFoundException } from '../errors.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { POLICY_NAME } from '../policy.js';

type Op = Operations['GetKeyPolicy'];

export const getKeyPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'GetKeyPolicy',
  actions: ['kms:GetKeyPolicy'],
  readOnly: true,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId);
    await authorizeKey(ctx, 'kms:GetKeyPolicy', key);
    assertKeyState(key.rec, 'GetKeyPolicy');
    // PolicyName is optional and defaults to `default` (API reference).
    if ((input.PolicyName ?? POLICY_NAME) !== POLICY_NAME) throw new NotFoundException('No such policy exists'); // LocalStack's provider // unverified
    return { Policy: key.rec.policy, PolicyName: POLICY_NAME };
  },
});
