// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedPolicy } from '../entities.js';
import type { Operations } from '../model.gen.js';
import { ownPolicy } from '../policies.js';
import { iamState } from '../state.js';
import { POLICY_TAGS, removeTags } from '../tags.js';

type Op = Operations['UntagPolicy'];

export const untagPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'UntagPolicy',
  actions: ['iam:UntagPolicy'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const p = await authorizedPolicy(ctx, s, input.PolicyArn, 'iam:UntagPolicy', undefined, { 'aws:TagKeys': input.TagKeys });
    const rec = ownPolicy(ctx, p, 'iam:UntagPolicy');
    s.put('policy', { ...rec, tags: removeTags(rec.tags, input.TagKeys, POLICY_TAGS) });
    return {};
  },
});
