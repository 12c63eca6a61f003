// https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutUserPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { putInline } from '../inline.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['PutUserPolicy'];

export const putUserPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'PutUserPolicy',
  actions: ['iam:PutUserPolicy'],
  readOnly: false,
  handler: (input, ctx) => putInline(ctx, 'user', input.UserName, input.PolicyName, input.PolicyDocument),
});
