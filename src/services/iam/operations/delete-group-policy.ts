// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteGroupPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { deleteInline } from '../inline.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['DeleteGroupPolicy'];

export const deleteGroupPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteGroupPolicy',
  actions: ['iam:DeleteGroupPolicy'],
  readOnly: false,
  handler: (input, ctx) => deleteInline(ctx, 'group', input.GroupName, input.PolicyName),
});
