// https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePermissionsBoundary.html
import { defineOperation } from '../../../core/operation.js';
import { putBoundary } from '../attach.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['PutRolePermissionsBoundary'];

export const putRolePermissionsBoundary = defineOperation<Op['input'], Op['output']>({
  name: 'PutRolePermissionsBoundary',
  actions: ['iam:PutRolePermissionsBoundary'],
  readOnly: false,
  handler: (input, ctx) => putBoundary(ctx, 'role', input.RoleName, input.PermissionsBoundary),
});
