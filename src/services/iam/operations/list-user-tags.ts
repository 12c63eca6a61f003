// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListUserTags.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { listEntityTags } from '../tagging.js';

type Op = Operations['ListUserTags'];

export const listUserTags = defineOperation<Op['input'], Op['output']>({
  name: 'ListUserTags',
  actions: ['iam:ListUserTags'],
  readOnly: true,
  handler: (input, ctx) => listEntityTags(ctx, 'user', input.UserName, input),
});
