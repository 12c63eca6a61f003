// https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagOpenIDConnectProvider.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizedProvider, mergeProviderTags, putProvider } from '../oidc.js';
import { requestTagConditions } from '../tags.js';

type Op = Operations['TagOpenIDConnectProvider'];

export const tagOpenIDConnectProvider = defineOperation<Op['input'], Op['output']>({
  name: 'TagOpenIDConnectProvider',
  actions: ['iam:TagOpenIDConnectProvider'],
  readOnly: false,
  async handler(input, ctx) {
    const p = await authorizedProvider(ctx, input.OpenIDConnectProviderArn, 'iam:TagOpenIDConnectProvider', requestTagConditions(input.Tags));
    putProvider(ctx.tx, ctx.account, { ...p, tags: mergeProviderTags(p.tags, input.Tags) });
    return {};
  },
});
