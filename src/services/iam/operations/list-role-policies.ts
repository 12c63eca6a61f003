// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRolePolicies.html
import { defineOperation } from '../../../core/operation.js';
import { listInline } from '../inline.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['ListRolePolicies'];

export const listRolePolicies = defineOperation<Op['input'], Op['output']>({
  name: 'ListRolePolicies',
  actions: ['iam:ListRolePolicies'],
  readOnly: true,
  handler: (input, ctx) => listInline(ctx, 'role', input.RoleName, input),
});
