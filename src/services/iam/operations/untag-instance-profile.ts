// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagInstanceProfile.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedProfile } from '../instance-profiles.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';
import { INSTANCE_PROFILE_TAGS, removeTags } from '../tags.js';

type Op = Operations['UntagInstanceProfile'];

export const untagInstanceProfile = defineOperation<Op['input'], Op['output']>({
  name: 'UntagInstanceProfile',
  actions: ['iam:UntagInstanceProfile'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const p = await authorizedProfile(ctx, s, input.InstanceProfileName, 'iam:UntagInstanceProfile', { 'aws:TagKeys': input.TagKeys });
    s.put('instance-profile', { ...p, tags: removeTags(p.tags, input.TagKeys, INSTANCE_PROFILE_TAGS) });
    return {};
  },
});
