// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachGroupPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { attachPolicy } from '../attach.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['AttachGroupPolicy'];

export const attachGroupPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'AttachGroupPolicy',
  actions: ['iam:AttachGroupPolicy'],
  readOnly: false,
  handler: (input, ctx) => attachPolicy(ctx, 'group', input.GroupName, input.PolicyArn),
});
