// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListPolicyTags.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedPolicy } from '../entities.js';
import type { Operations } from '../model.gen.js';
import { pageFields, paginate } from '../paging.js';
import { iamState } from '../state.js';
import { sortedTags } from '../tags.js';

type Op = Operations['ListPolicyTags'];

export const listPolicyTags = defineOperation<Op['input'], Op['output']>({
  name: 'ListPolicyTags',
  actions: ['iam:ListPolicyTags'],
  readOnly: true,
  async handler(input, ctx) {
    const p = await authorizedPolicy(ctx, iamState(ctx.tx, ctx.account), input.PolicyArn, 'iam:ListPolicyTags');
    const page = paginate(sortedTags(p.tags), (t) => t.Key, input);
    return { Tags: page.items, ...pageFields(page) };
  },
});
