// https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagInstanceProfile.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedProfile } from '../instance-profiles.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';
import { INSTANCE_PROFILE_TAGS, mergeTags, requestTagConditions } from '../tags.js';

type Op = Operations['TagInstanceProfile'];

export const tagInstanceProfile = defineOperation<Op['input'], Op['output']>({
  name: 'TagInstanceProfile',
  actions: ['iam:TagInstanceProfile'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const p = await authorizedProfile(ctx, s, input.InstanceProfileName, 'iam:TagInstanceProfile', requestTagConditions(input.Tags));
    s.put('instance-profile', { ...p, tags: mergeTags(p.tags, input.Tags, INSTANCE_PROFILE_TAGS) });
    return {};
  },
});
