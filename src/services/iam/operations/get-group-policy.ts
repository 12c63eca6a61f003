// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetGroupPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { getInline } from '../inline.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['GetGroupPolicy'];

export const getGroupPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'GetGroupPolicy',
  actions: ['iam:GetGroupPolicy'],
  readOnly: true,
  async handler(input, ctx) {
    const p = await getInline(ctx, 'group', input.GroupName, input.PolicyName);
    return { GroupName: p.name, PolicyName: p.policyName, PolicyDocument: p.document };
  },
});
