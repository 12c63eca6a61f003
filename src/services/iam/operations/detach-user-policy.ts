// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DetachUserPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { detachPolicy } from '../attach.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['DetachUserPolicy'];

export const detachUserPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'DetachUserPolicy',
  actions: ['iam:DetachUserPolicy'],
  readOnly: false,
  handler: (input, ctx) => detachPolicy(ctx, 'user', input.UserName, input.PolicyArn),
});
