// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachUserPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { attachPolicy } from '../attach.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['AttachUserPolicy'];

export const attachUserPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'AttachUserPolicy',
  actions: ['iam:AttachUserPolicy'],
  readOnly: false,
  handler: (input, ctx) => attachPolicy(ctx, 'user', input.UserName, input.PolicyArn),
});
