// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAssumeRolePolicy.html
import { defineOperation } from '../../../core/operation.js';
import { checkTrustDocument } from '../documents.js';
import { authorizedEntity } from '../entities.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['UpdateAssumeRolePolicy'];

export const updateAssumeRolePolicy = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateAssumeRolePolicy',
  actions: ['iam:UpdateAssumeRolePolicy'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const role = await authorizedEntity(ctx, s, 'role', input.RoleName, 'iam:UpdateAssumeRolePolicy');
    checkTrustDocument(input.PolicyDocument);
    s.put('role', { ...role, trust: input.PolicyDocument });
    return {};
  },
});
