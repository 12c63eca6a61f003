// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeletePolicy.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedPolicy } from '../entities.js';
import { CONFLICT, deleteConflict } from '../errors.js';
import { attachmentCount, boundaryCount } from '../managed.js';
import type { Operations } from '../model.gen.js';
import { ownPolicy } from '../policies.js';
import { iamState } from '../state.js';

type Op = Operations['DeletePolicy'];

export const deletePolicy = defineOperation<Op['input'], Op['output']>({
  name: 'DeletePolicy',
  actions: ['iam:DeletePolicy'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const p = await authorizedPolicy(ctx, s, input.PolicyArn, 'iam:DeletePolicy');
    const rec = ownPolicy(ctx, p, 'iam:DeletePolicy');
    // "Before you can delete a managed policy, you must first detach the policy from all users,
    // groups, and roles … and delete all of its versions" except the default (API reference). A
    // policy in use as a permissions boundary counts as attached. // unverified for boundaries
    if (attachmentCount(rec.usage) + boundaryCount(rec.usage) > 0) throw deleteConflict(CONFLICT.policyAttached);
    if (rec.versions.length > 1) throw deleteConflict(CONFLICT.policyVersions);
    s.remove('policy', rec.name);
    return {};
  },
});
