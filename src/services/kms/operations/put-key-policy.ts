// https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
import { auditParameters } from '../../../audit/redact.js';
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { LimitExceededException, UnsupportedOperationException } from '../errors.js';
import { assertKeyState, loadKey } from '../keys.js';
import { model, type Operations } from '../model.gen.js';
import { POLICY_NAME, validateKeyPolicy } from '../policy.js';
import { putKeyRecord } from '../state.js';

type Op = Operations['PutKeyPolicy'];

// "Key policy document size: 32 KB (32,768 bytes)" (KMS developer guide, resource quotas; the
// 2026 model admits 131,072 characters, which may mean AWS raised it). // unverified
const MAX_POLICY_BYTES = 32_768;

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
    if (Buffer.byteLength(input.Policy, 'utf8') > MAX_POLICY_BYTES) throw new LimitExceededException(`The policy exceeds the maximum size of ${MAX_POLICY_BYTES} bytes.`); // unverified
    validateKeyPolicy(input.Policy, ctx.principal, bypass);
    putKeyRecord(ctx, { ...key.rec, policy: input.Policy }, key.version);
    return {};
  },
});
