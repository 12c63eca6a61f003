// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DetachGroupPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { detachPolicy } from '../attach.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['DetachGroupPolicy'];

export const detachGroupPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'DetachGroupPolicy',
  actions: ['iam:DetachGroupPolicy'],
  readOnly: false,
  handler: (input, ctx) => detachPolicy(ctx, 'group', input.GroupName, input.PolicyArn),
});
