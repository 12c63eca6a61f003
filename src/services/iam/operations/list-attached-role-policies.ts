// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAttachedRolePolicies.html
import { defineOperation } from '../../../core/operation.js';
import { listAttached } from '../attach.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['ListAttachedRolePolicies'];

export const listAttachedRolePolicies = defineOperation<Op['input'], Op['output']>({
  name: 'ListAttachedRolePolicies',
  actions: ['iam:ListAttachedRolePolicies'],
  readOnly: true,
  handler: (input, ctx) => listAttached(ctx, 'role', input.RoleName, input),
});
