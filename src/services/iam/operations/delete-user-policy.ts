// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteUserPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { deleteInline } from '../inline.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['DeleteUserPolicy'];

export const deleteUserPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteUserPolicy',
  actions: ['iam:DeleteUserPolicy'],
  readOnly: false,
  handler: (input, ctx) => deleteInline(ctx, 'user', input.UserName, input.PolicyName),
});
