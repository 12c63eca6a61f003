// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html
import { defineOperation } from '../../../core/operation.js';
import { BOUNDARY_FIELD } from '../attach.js';
import { authorizedEntity } from '../entities.js';
import { CONFLICT, deleteConflict, INSTANCE_PROFILE_CONFLICT } from '../errors.js';
import { profilesOf } from '../instance-profiles.js';
import { updateUsage, withUsage } from '../managed.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['DeleteRole'];

export const deleteRole = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteRole',
  actions: ['iam:DeleteRole'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const role = await authorizedEntity(ctx, s, 'role', input.RoleName, 'iam:DeleteRole');
    if ((await profilesOf(s, role.name)).length > 0) throw deleteConflict(INSTANCE_PROFILE_CONFLICT);
    if (role.attached.length > 0) throw deleteConflict(CONFLICT.attached);
    if (role.inline.length > 0) throw deleteConflict(CONFLICT.inline);
    s.remove('role', role.name);
    if (role.boundary !== undefined) await updateUsage(s, role.boundary, (u) => withUsage(u, BOUNDARY_FIELD.role, role.name, false));
    return {};
  },
});
