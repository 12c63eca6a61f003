// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListUsers.html
import { defineOperation } from '../../../core/operation.js';
import { listResource } from '../arns.js';
import type { Operations } from '../model.gen.js';
import { pageFields, paginate } from '../paging.js';
import { userShape } from '../shapes.js';
import { iamState } from '../state.js';

type Op = Operations['ListUsers'];

export const listUsers = defineOperation<Op['input'], Op['output']>({
  name: 'ListUsers',
  actions: ['iam:ListUsers'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'iam:ListUsers', resource: listResource(ctx.account, 'user', input.PathPrefix) });
    const prefix = input.PathPrefix ?? '/';
    const users = (await iamState(ctx.tx, ctx.account).list('user')).filter((u) => u.path.startsWith(prefix));
    const page = paginate(users, (u) => u.name.toLowerCase(), input);
    return { Users: page.items.map((u) => userShape(u, 'list')), ...pageFields(page) };
  },
});
