// https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedPolicy } from '../entities.js';
import type { Operations } from '../model.gen.js';
import { ownPolicy } from '../policies.js';
import { iamState } from '../state.js';
import { mergeTags, POLICY_TAGS, requestTagConditions } from '../tags.js';

type Op = Operations['TagPolicy'];

export const tagPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'TagPolicy',
  actions: ['iam:TagPolicy'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const p = await authorizedPolicy(ctx, s, input.PolicyArn, 'iam:TagPolicy', undefined, requestTagConditions(input.Tags));
    const rec = ownPolicy(ctx, p, 'iam:TagPolicy');
    s.put('policy', { ...rec, tags: mergeTags(rec.tags, input.Tags, POLICY_TAGS) });
    return {};
  },
});
