// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteInstanceProfile.html
import { defineOperation } from '../../../core/operation.js';
import { deleteConflict, INSTANCE_PROFILE_CONFLICT } from '../errors.js';
import { authorizedProfile } from '../instance-profiles.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['DeleteInstanceProfile'];

export const deleteInstanceProfile = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteInstanceProfile',
  actions: ['iam:DeleteInstanceProfile'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const p = await authorizedProfile(ctx, s, input.InstanceProfileName, 'iam:DeleteInstanceProfile');
    if (p.roles.length > 0) throw deleteConflict(INSTANCE_PROFILE_CONFLICT);
    s.remove('instance-profile', p.name);
    return {};
  },
});
