// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListRoles.html
import { defineOperation } from '../../../core/operation.js';
import { listResource } from '../arns.js';
import type { Operations } from '../model.gen.js';
import { pageFields, paginate } from '../paging.js';
import { roleShape } from '../shapes.js';
import { iamState } from '../state.js';

type Op = Operations['ListRoles'];

export const listRoles = defineOperation<Op['input'], Op['output']>({
  name: 'ListRoles',
  actions: ['iam:ListRoles'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'iam:ListRoles', resource: listResource(ctx.account, 'role', input.PathPrefix) });
    const prefix = input.PathPrefix ?? '/';
    const roles = (await iamState(ctx.tx, ctx.account).list('role')).filter((r) => r.path.startsWith(prefix));
    const page = paginate(roles, (r) => r.name.toLowerCase(), input);
    return { Roles: page.items.map((r) => roleShape(r, 'list')), ...pageFields(page) };
  },
});
