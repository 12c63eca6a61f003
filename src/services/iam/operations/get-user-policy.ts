// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetUserPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { getInline } from '../inline.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['GetUserPolicy'];

export const getUserPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'GetUserPolicy',
  actions: ['iam:GetUserPolicy'],
  readOnly: true,
  async handler(input, ctx) {
    const p = await getInline(ctx, 'user', input.UserName, input.PolicyName);
    return { UserName: p.name, PolicyName: p.policyName, PolicyDocument: p.document };
  },
});
