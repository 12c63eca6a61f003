// https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
import { auditParameters } from '../../../audit/redact.js';
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { UnsupportedOperationException } from '../errors.js';
import { assertKeyState, loadKey } from '../keys.js';
import { model, type Operations } from '../model.gen.js';
import { POLICY_NAME, validateKeyPolicy } from '../policy.js';
import { putKeyRecord } from '../state.js';

type Op = Operations['PutKeyPolicy'];

export const putKeyPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'PutKeyPolicy',
  actions: ['kms:PutKeyPolicy'],
  readOnly: false,
  // Like CreateKey's (ct-createkey.html), the event carries the defaults the request left out. // unverified for PutKeyPolicy
  audit: {
    request: (input) => ({ ...auditParameters(model, 'PutKeyPolicyRequest', input), policyName: input.PolicyName ?? POLICY_NAME, bypassPolicyLockoutSafetyCheck: input.BypassPolicyLockoutSafetyCheck ?? false }),
  },
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { purge: true });
    const bypass = input.BypassPolicyLockoutSafetyCheck === true;
    await authorizeKey(ctx, 'kms:PutKeyPolicy', key, { 'kms:BypassPolicyLockoutSafetyCheck': String(bypass) });
    assertKeyState(key.rec, 'PutKeyPolicy');
    if ((input.PolicyName ?? POLICY_NAME) !== POLICY_NAME) throw new UnsupportedOperationException('Only default policy is supported'); // LocalStack's provider // unverified
    validateKeyPolicy(input.Policy, ctx.principal, bypass);
    putKeyRecord(ctx, { ...key.rec, policy: input.Policy }, key.version);
    return {};
  },
});
