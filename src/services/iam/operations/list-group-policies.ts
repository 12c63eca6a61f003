// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListGroupPolicies.html
import { defineOperation } from '../../../core/operation.js';
import { listInline } from '../inline.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['ListGroupPolicies'];

export const listGroupPolicies = defineOperation<Op['input'], Op['output']>({
  name: 'ListGroupPolicies',
  actions: ['iam:ListGroupPolicies'],
  readOnly: true,
  handler: (input, ctx) => listInline(ctx, 'group', input.GroupName, input),
});
