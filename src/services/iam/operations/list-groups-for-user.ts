// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListGroupsForUser.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedEntity } from '../entities.js';
import type { Operations } from '../model.gen.js';
import { pageFields, paginate, sortByKey } from '../paging.js';
import { groupShape } from '../shapes.js';
import { iamState } from '../state.js';

type Op = Operations['ListGroupsForUser'];

export const listGroupsForUser = defineOperation<Op['input'], Op['output']>({
  name: 'ListGroupsForUser',
  actions: ['iam:ListGroupsForUser'],
  readOnly: true,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const user = await authorizedEntity(ctx, s, 'user', input.UserName, 'iam:ListGroupsForUser');
    const page = paginate(sortByKey(user.groups, (g) => g.toLowerCase()), (g) => g.toLowerCase(), input);
    const groups = (await Promise.all(page.items.map((g) => s.get('group', g)))).filter((g) => g !== undefined);
    return { Groups: groups.map(groupShape), ...pageFields(page) };
  },
});
