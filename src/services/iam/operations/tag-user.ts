// https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagUser.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { tagEntity } from '../tagging.js';

type Op = Operations['TagUser'];

export const tagUser = defineOperation<Op['input'], Op['output']>({
  name: 'TagUser',
  actions: ['iam:TagUser'],
  readOnly: false,
  handler: (input, ctx) => tagEntity(ctx, 'user', input.UserName, input.Tags),
});
