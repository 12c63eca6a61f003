// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePolicy.html
import { defineOperation } from '../../../core/operation.js';
import { deleteInline } from '../inline.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['DeleteRolePolicy'];

export const deleteRolePolicy = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteRolePolicy',
  actions: ['iam:DeleteRolePolicy'],
  readOnly: false,
  handler: (input, ctx) => deleteInline(ctx, 'role', input.RoleName, input.PolicyName),
});
