// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePermissionsBoundary.html
import { defineOperation } from '../../../core/operation.js';
import { deleteBoundary } from '../attach.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['DeleteRolePermissionsBoundary'];

export const deleteRolePermissionsBoundary = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteRolePermissionsBoundary',
  actions: ['iam:DeleteRolePermissionsBoundary'],
  readOnly: false,
  handler: (input, ctx) => deleteBoundary(ctx, 'role', input.RoleName),
});
