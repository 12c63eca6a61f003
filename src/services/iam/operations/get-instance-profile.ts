// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetInstanceProfile.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedProfile, profileShape } from '../instance-profiles.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['GetInstanceProfile'];

export const getInstanceProfile = defineOperation<Op['input'], Op['output']>({
  name: 'GetInstanceProfile',
  actions: ['iam:GetInstanceProfile'],
  readOnly: true,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const p = await authorizedProfile(ctx, s, input.InstanceProfileName, 'iam:GetInstanceProfile');
    return { InstanceProfile: await profileShape(s, p, true) };
  },
});
