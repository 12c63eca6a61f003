// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAttachedGroupPolicies.html
import { defineOperation } from '../../../core/operation.js';
import { listAttached } from '../attach.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['ListAttachedGroupPolicies'];

export const listAttachedGroupPolicies = defineOperation<Op['input'], Op['output']>({
  name: 'ListAttachedGroupPolicies',
  actions: ['iam:ListAttachedGroupPolicies'],
  readOnly: true,
  handler: (input, ctx) => listAttached(ctx, 'group', input.GroupName, input),
});
