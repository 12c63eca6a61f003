// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListEntitiesForPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedEntityFilter } from '../entities-for-policy.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['ListEntitiesForPolicy'];

export const listEntitiesForPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'ListEntitiesForPolicy',
  actions: ['iam:ListEntitiesForPolicy'],
  readOnly: true,
  handler: (input, ctx) => authorizedEntityFilter(ctx, input),
});
