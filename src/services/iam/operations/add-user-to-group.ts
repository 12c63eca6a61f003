// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddUserToGroup.html
import { defineOperation } from '../../../core/operation.js';
import { entityArn } from '../arns.js';
import { requireEntity } from '../entities.js';
import { quota } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['AddUserToGroup'];

// "Groups an IAM user can be a member of: 10" (IAM UG, reference_iam-quotas).
const MAX_GROUPS_PER_USER = 10;

export const addUserToGroup = defineOperation<Op['input'], Op['output']>({
  name: 'AddUserToGroup',
  actions: ['iam:AddUserToGroup'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const group = await s.get('group', input.GroupName);
    await ctx.authorize({ action: 'iam:AddUserToGroup', resource: group?.arn ?? entityArn(ctx.account, 'group', '/', input.GroupName) });
    // The user is looked for first (recorded: an unknown user in an unknown group is the user's NoSuchEntity).
    const user = await requireEntity(s, 'user', input.UserName);
    const g = await requireEntity(s, 'group', input.GroupName);
    if (user.groups.includes(g.name)) return {};
    if (user.groups.length >= MAX_GROUPS_PER_USER) throw quota('GroupsPerUser', MAX_GROUPS_PER_USER);
    s.put('user', { ...user, groups: [...user.groups, g.name] });
    s.put('group', { ...g, members: [...g.members, user.name] });
    return {};
  },
});
