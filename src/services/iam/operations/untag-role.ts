// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagRole.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { untagEntity } from '../tagging.js';

type Op = Operations['UntagRole'];

export const untagRole = defineOperation<Op['input'], Op['output']>({
  name: 'UntagRole',
  actions: ['iam:UntagRole'],
  readOnly: false,
  handler: (input, ctx) => untagEntity(ctx, 'role', input.RoleName, input.TagKeys),
});
