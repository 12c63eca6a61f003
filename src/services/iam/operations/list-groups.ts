// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListGroups.html
import { defineOperation } from '../../../core/operation.js';
import { listResource } from '../arns.js';
import type { Operations } from '../model.gen.js';
import { pageFields, paginate } from '../paging.js';
import { groupShape } from '../shapes.js';
import { iamState } from '../state.js';

type Op = Operations['ListGroups'];

export const listGroups = defineOperation<Op['input'], Op['output']>({
  name: 'ListGroups',
  actions: ['iam:ListGroups'],
  readOnly: true,
  async handler(input, ctx) {
    // "… iam:ListGroups on resource: arn:aws:iam::<acct>:group/" (user reports).
    await ctx.authorize({ action: 'iam:ListGroups', resource: listResource(ctx.account, 'group', input.PathPrefix) });
    const prefix = input.PathPrefix ?? '/';
    const groups = (await iamState(ctx.tx, ctx.account).list('group')).filter((g) => g.path.startsWith(prefix));
    const page = paginate(groups, (g) => g.name.toLowerCase(), input);
    return { Groups: page.items.map(groupShape), ...pageFields(page) };
  },
});
