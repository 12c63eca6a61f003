// https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPermissionsBoundary.html
import { defineOperation } from '../../../core/operation.js';
import { putBoundary } from '../attach.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['PutUserPermissionsBoundary'];

export const putUserPermissionsBoundary = defineOperation<Op['input'], Op['output']>({
  name: 'PutUserPermissionsBoundary',
  actions: ['iam:PutUserPermissionsBoundary'],
  readOnly: false,
  handler: (input, ctx) => putBoundary(ctx, 'user', input.UserName, input.PermissionsBoundary),
});
