// https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html
import { defineOperation } from '../../../core/operation.js';
import { putInline } from '../inline.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['PutRolePolicy'];

export const putRolePolicy = defineOperation<Op['input'], Op['output']>({
  name: 'PutRolePolicy',
  actions: ['iam:PutRolePolicy'],
  readOnly: false,
  handler: (input, ctx) => putInline(ctx, 'role', input.RoleName, input.PolicyName, input.PolicyDocument),
});
