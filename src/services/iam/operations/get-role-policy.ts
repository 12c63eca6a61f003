// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetRolePolicy.html
import { defineOperation } from '../../../core/operation.js';
import { getInline } from '../inline.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['GetRolePolicy'];

export const getRolePolicy = defineOperation<Op['input'], Op['output']>({
  name: 'GetRolePolicy',
  actions: ['iam:GetRolePolicy'],
  readOnly: true,
  async handler(input, ctx) {
    const p = await getInline(ctx, 'role', input.RoleName, input.PolicyName);
    return { RoleName: p.name, PolicyName: p.policyName, PolicyDocument: p.document };
  },
});
