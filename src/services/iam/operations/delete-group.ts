// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteGroup.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedEntity } from '../entities.js';
import { CONFLICT, deleteConflict } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['DeleteGroup'];

export const deleteGroup = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteGroup',
  actions: ['iam:DeleteGroup'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const group = await authorizedEntity(ctx, s, 'group', input.GroupName, 'iam:DeleteGroup');
    // "The group must not contain any users or have any attached policies" (API reference).
    if (group.members.length > 0) throw deleteConflict(CONFLICT.members);
    if (group.inline.length > 0) throw deleteConflict(CONFLICT.inline);
    if (group.attached.length > 0) throw deleteConflict(CONFLICT.attached);
    s.remove('group', group.name);
    return {};
  },
});
