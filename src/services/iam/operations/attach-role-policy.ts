// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html
import { defineOperation } from '../../../core/operation.js';
import { attachPolicy } from '../attach.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['AttachRolePolicy'];

export const attachRolePolicy = defineOperation<Op['input'], Op['output']>({
  name: 'AttachRolePolicy',
  actions: ['iam:AttachRolePolicy'],
  readOnly: false,
  handler: (input, ctx) => attachPolicy(ctx, 'role', input.RoleName, input.PolicyArn),
});
