// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddRoleToInstanceProfile.html
import { defineOperation } from '../../../core/operation.js';
import { requireEntity } from '../entities.js';
import { instanceProfileRoleQuota } from '../errors.js';
import { authorizedProfile } from '../instance-profiles.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['AddRoleToInstanceProfile'];

/** "Roles in an instance profile: 1" (IAM UG, reference_iam-quotas). */
const MAX_ROLES = 1;

export const addRoleToInstanceProfile = defineOperation<Op['input'], Op['output']>({
  name: 'AddRoleToInstanceProfile',
  actions: ['iam:AddRoleToInstanceProfile', 'iam:PassRole'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const p = await authorizedProfile(ctx, s, input.InstanceProfileName, 'iam:AddRoleToInstanceProfile');
    const role = await requireEntity(s, 'role', input.RoleName);
    // "The caller of this operation must be granted the PassRole permission on the IAM role" (API reference).
    // unverified: which iam:PassedToService AWS sets here (instance profiles hand roles to EC2).
    await ctx.authorize({ action: 'iam:PassRole', resource: role.arn, conditions: { 'iam:PassedToService': 'ec2.amazonaws.com' } });
    if (p.roles.length >= MAX_ROLES) throw instanceProfileRoleQuota();
    s.put('instance-profile', { ...p, roles: [...p.roles, role.name] });
    return {};
  },
});
