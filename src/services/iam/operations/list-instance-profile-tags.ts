// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListInstanceProfileTags.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedProfile } from '../instance-profiles.js';
import type { Operations } from '../model.gen.js';
import { pageFields, paginate } from '../paging.js';
import { iamState } from '../state.js';
import { sortedTags } from '../tags.js';

type Op = Operations['ListInstanceProfileTags'];

export const listInstanceProfileTags = defineOperation<Op['input'], Op['output']>({
  name: 'ListInstanceProfileTags',
  actions: ['iam:ListInstanceProfileTags'],
  readOnly: true,
  async handler(input, ctx) {
    const p = await authorizedProfile(ctx, iamState(ctx.tx, ctx.account), input.InstanceProfileName, 'iam:ListInstanceProfileTags');
    const page = paginate(sortedTags(p.tags), (t) => t.Key, input);
    return { Tags: page.items, ...pageFields(page) };
  },
});
