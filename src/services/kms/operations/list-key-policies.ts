// https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyPolicies.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { POLICY_NAME } from '../policy.js';

type Op = Operations['ListKeyPolicies'];

export const listKeyPolicies = defineOperation<Op['input'], Op['output']>({
  name: 'ListKeyPolicies',
  actions: ['kms:ListKeyPolicies'],
  readOnly: true,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId);
    await authorizeKey(ctx, 'kms:ListKeyPolicies', key);
    assertKeyState(key.rec, 'ListKeyPolicies');
    // "The only valid value is default." (API reference)
    return { PolicyNames: [POLICY_NAME], Truncated: false };
  },
});
