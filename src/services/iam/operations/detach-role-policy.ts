// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DetachRolePolicy.html
import { defineOperation } from '../../../core/operation.js';
import { detachPolicy } from '../attach.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['DetachRolePolicy'];

export const detachRolePolicy = defineOperation<Op['input'], Op['output']>({
  name: 'DetachRolePolicy',
  actions: ['iam:DetachRolePolicy'],
  readOnly: false,
  handler: (input, ctx) => detachPolicy(ctx, 'role', input.RoleName, input.PolicyArn),
});
