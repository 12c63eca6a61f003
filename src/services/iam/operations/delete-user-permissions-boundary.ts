// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteUserPermissionsBoundary.html
import { defineOperation } from '../../../core/operation.js';
import { deleteBoundary } from '../attach.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['DeleteUserPermissionsBoundary'];

export const deleteUserPermissionsBoundary = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteUserPermissionsBoundary',
  actions: ['iam:DeleteUserPermissionsBoundary'],
  readOnly: false,
  handler: (input, ctx) => deleteBoundary(ctx, 'user', input.UserName),
});
