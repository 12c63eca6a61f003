// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetGroup.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedEntity } from '../entities.js';
import type { Operations } from '../model.gen.js';
import { pageFields, paginate, sortByKey } from '../paging.js';
import { groupShape, userShape } from '../shapes.js';
import { iamState } from '../state.js';

type Op = Operations['GetGroup'];

export const getGroup = defineOperation<Op['input'], Op['output']>({
  name: 'GetGroup',
  actions: ['iam:GetGroup'],
  readOnly: true,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const group = await authorizedEntity(ctx, s, 'group', input.GroupName, 'iam:GetGroup');
    const page = paginate(sortByKey(group.members, (m) => m.toLowerCase()), (m) => m.toLowerCase(), input);
    const users = (await Promise.all(page.items.map((m) => s.get('user', m)))).filter((u) => u !== undefined);
    return { Group: groupShape(group), Users: users.map((u) => userShape(u, 'list')), ...pageFields(page) };
  },
});
