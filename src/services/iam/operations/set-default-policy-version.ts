// https://docs.aws.amazon.com/IAM/latest/APIReference/API_SetDefaultPolicyVersion.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedPolicy } from '../entities.js';
import { policyVersionNotFound } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { findVersion, ownPolicy } from '../policies.js';
import { iamState } from '../state.js';

type Op = Operations['SetDefaultPolicyVersion'];

export const setDefaultPolicyVersion = defineOperation<Op['input'], Op['output']>({
  name: 'SetDefaultPolicyVersion',
  actions: ['iam:SetDefaultPolicyVersion'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const p = await authorizedPolicy(ctx, s, input.PolicyArn, 'iam:SetDefaultPolicyVersion', (arn) => policyVersionNotFound(arn, input.VersionId));
    const rec = ownPolicy(ctx, p, 'iam:SetDefaultPolicyVersion');
    const v = findVersion(p, input.VersionId);
    if (v.id !== rec.defaultVersion) s.put('policy', { ...rec, defaultVersion: v.id, updatedMs: ctx.clock.now() });
    return {};
  },
});
