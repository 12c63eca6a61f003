// https://docs.aws.amazon.com/IAM/latest/APIReference/API_RemoveUserFromGroup.html
import { defineOperation } from '../../../core/operation.js';
import { entityArn } from '../arns.js';
import { requireEntity } from '../entities.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['RemoveUserFromGroup'];

export const removeUserFromGroup = defineOperation<Op['input'], Op['output']>({
  name: 'RemoveUserFromGroup',
  actions: ['iam:RemoveUserFromGroup'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const group = await s.get('group', input.GroupName);
    await ctx.authorize({ action: 'iam:RemoveUserFromGroup', resource: group?.arn ?? entityArn(ctx.account, 'group', '/', input.GroupName) });
    const user = await requireEntity(s, 'user', input.UserName);
    const g = await requireEntity(s, 'group', input.GroupName);
    // Removing a user that is not a member succeeds (recorded against AWS).
    if (!user.groups.includes(g.name)) return {};
    s.put('user', { ...user, groups: user.groups.filter((x) => x !== g.name) });
    s.put('group', { ...g, members: g.members.filter((m) => m !== user.name) });
    return {};
  },
});
