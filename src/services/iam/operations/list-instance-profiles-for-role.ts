// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListInstanceProfilesForRole.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedEntity } from '../entities.js';
import { profileShape, profilesOf } from '../instance-profiles.js';
import type { InstanceProfile, Operations } from '../model.gen.js';
import { pageFields, paginate } from '../paging.js';
import { iamState } from '../state.js';

type Op = Operations['ListInstanceProfilesForRole'];

export const listInstanceProfilesForRole = defineOperation<Op['input'], Op['output']>({
  name: 'ListInstanceProfilesForRole',
  actions: ['iam:ListInstanceProfilesForRole'],
  readOnly: true,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const role = await authorizedEntity(ctx, s, 'role', input.RoleName, 'iam:ListInstanceProfilesForRole');
    const page = paginate(await profilesOf(s, role.name), (p) => p.name.toLowerCase(), input);
    const out: InstanceProfile[] = [];
    for (const p of page.items) out.push(await profileShape(s, p, false));
    return { InstanceProfiles: out, ...pageFields(page) };
  },
});
