// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagUser.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { untagEntity } from '../tagging.js';

type Op = Operations['UntagUser'];

export const untagUser = defineOperation<Op['input'], Op['output']>({
  name: 'UntagUser',
  actions: ['iam:UntagUser'],
  readOnly: false,
  handler: (input, ctx) => untagEntity(ctx, 'user', input.UserName, input.TagKeys),
});
