// https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutGroupPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { putInline } from '../inline.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['PutGroupPolicy'];

export const putGroupPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'PutGroupPolicy',
  actions: ['iam:PutGroupPolicy'],
  readOnly: false,
  handler: (input, ctx) => putInline(ctx, 'group', input.GroupName, input.PolicyName, input.PolicyDocument),
});
