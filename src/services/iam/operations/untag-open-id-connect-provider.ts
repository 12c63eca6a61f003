// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagOpenIDConnectProvider.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizedProvider, putProvider } from '../oidc.js';

type Op = Operations['UntagOpenIDConnectProvider'];

export const untagOpenIDConnectProvider = defineOperation<Op['input'], Op['output']>({
  name: 'UntagOpenIDConnectProvider',
  actions: ['iam:UntagOpenIDConnectProvider'],
  readOnly: false,
  async handler(input, ctx) {
    const p = await authorizedProvider(ctx, input.OpenIDConnectProviderArn, 'iam:UntagOpenIDConnectProvider', { 'aws:TagKeys': [...input.TagKeys] });
    putProvider(ctx.tx, ctx.account, { ...p, tags: p.tags.filter((t) => !input.TagKeys.includes(t.Key)) });
    return {};
  },
});
