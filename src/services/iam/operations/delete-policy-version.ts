// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicyVersion.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedPolicy } from '../entities.js';
import { CONFLICT, deleteConflict, policyVersionNotFound } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { findVersion, ownPolicy } from '../policies.js';
import { iamState } from '../state.js';

type Op = Operations['DeletePolicyVersion'];

export const deletePolicyVersion = defineOperation<Op['input'], Op['output']>({
  name: 'DeletePolicyVersion',
  actions: ['iam:DeletePolicyVersion'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const p = await authorizedPolicy(ctx, s, input.PolicyArn, 'iam:DeletePolicyVersion', (arn) => policyVersionNotFound(arn, input.VersionId));
    const rec = ownPolicy(ctx, p, 'iam:DeletePolicyVersion');
    if (input.VersionId === rec.defaultVersion) throw deleteConflict(CONFLICT.defaultVersion);
    const v = findVersion(p, input.VersionId);
    s.put('policy', { ...rec, versions: rec.versions.filter((x) => x.id !== v.id) });
    return {};
  },
});
