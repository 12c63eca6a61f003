// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAttachedUserPolicies.html
import { defineOperation } from '../../../core/operation.js';
import { listAttached } from '../attach.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['ListAttachedUserPolicies'];

export const listAttachedUserPolicies = defineOperation<Op['input'], Op['output']>({
  name: 'ListAttachedUserPolicies',
  actions: ['iam:ListAttachedUserPolicies'],
  readOnly: true,
  handler: (input, ctx) => listAttached(ctx, 'user', input.UserName, input),
});
