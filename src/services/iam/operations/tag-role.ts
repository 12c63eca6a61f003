// https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagRole.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { tagEntity } from '../tagging.js';

type Op = Operations['TagRole'];

export const tagRole = defineOperation<Op['input'], Op['output']>({
  name: 'TagRole',
  actions: ['iam:TagRole'],
  readOnly: false,
  handler: (input, ctx) => tagEntity(ctx, 'role', input.RoleName, input.Tags),
});
