// https://docs.aws.amazon.com/IAM/latest/APIReference/API_RemoveRoleFromInstanceProfile.html
import { defineOperation } from '../../../core/operation.js';
import { requireEntity } from '../entities.js';
import { roleNotInProfile } from '../errors.js';
import { authorizedProfile } from '../instance-profiles.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['RemoveRoleFromInstanceProfile'];

export const removeRoleFromInstanceProfile = defineOperation<Op['input'], Op['output']>({
  name: 'RemoveRoleFromInstanceProfile',
  actions: ['iam:RemoveRoleFromInstanceProfile'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const p = await authorizedProfile(ctx, s, input.InstanceProfileName, 'iam:RemoveRoleFromInstanceProfile');
    const role = await requireEntity(s, 'role', input.RoleName);
    const lower = role.name.toLowerCase();
    if (!p.roles.some((r) => r.toLowerCase() === lower)) throw roleNotInProfile(role.name, p.name);
    s.put('instance-profile', { ...p, roles: p.roles.filter((r) => r.toLowerCase() !== lower) });
    return {};
  },
});
