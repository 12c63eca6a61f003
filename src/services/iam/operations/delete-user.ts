// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteUser.html
import { defineOperation } from '../../../core/operation.js';
import { BOUNDARY_FIELD } from '../attach.js';
import { authorizedEntity } from '../entities.js';
import { CONFLICT, deleteConflict, LOGIN_PROFILE_CONFLICT, MFA_CONFLICT } from '../errors.js';
import { updateUsage, withUsage } from '../managed.js';
import { devicesOf } from '../mfa.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['DeleteUser'];

export const deleteUser = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteUser',
  actions: ['iam:DeleteUser'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const user = await authorizedEntity(ctx, s, 'user', input.UserName, 'iam:DeleteUser');
    // What must go first, in the order the API reference lists it (password, access keys, signing
    // certificates, SSH keys, Git credentials, MFA devices, inline policies, attached managed
    // policies, group memberships); Warden has no signing certificates, SSH keys or Git credentials.
    if ((await s.get('login-profile', user.name)) !== undefined) throw deleteConflict(LOGIN_PROFILE_CONFLICT);
    if (user.accessKeys.length > 0) throw deleteConflict(CONFLICT.accessKeys);
    if ((await devicesOf(s, user.name)).length > 0) throw deleteConflict(MFA_CONFLICT);
    if (user.inline.length > 0) throw deleteConflict(CONFLICT.inline);
    if (user.attached.length > 0) throw deleteConflict(CONFLICT.attached);
    if (user.groups.length > 0) throw deleteConflict(CONFLICT.members);
    s.remove('user', user.name);
    if (user.boundary !== undefined) await updateUsage(s, user.boundary, (u) => withUsage(u, BOUNDARY_FIELD.user, user.name, false));
    return {};
  },
});
