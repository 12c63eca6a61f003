// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoleTags.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { listEntityTags } from '../tagging.js';

type Op = Operations['ListRoleTags'];

export const listRoleTags = defineOperation<Op['input'], Op['output']>({
  name: 'ListRoleTags',
  actions: ['iam:ListRoleTags'],
  readOnly: true,
  handler: (input, ctx) => listEntityTags(ctx, 'role', input.RoleName, input),
});
