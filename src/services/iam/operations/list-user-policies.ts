// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListUserPolicies.html
import { defineOperation } from '../../../core/operation.js';
import { listInline } from '../inline.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['ListUserPolicies'];

export const listUserPolicies = defineOperation<Op['input'], Op['output']>({
  name: 'ListUserPolicies',
  actions: ['iam:ListUserPolicies'],
  readOnly: true,
  handler: (input, ctx) => listInline(ctx, 'user', input.UserName, input),
});
