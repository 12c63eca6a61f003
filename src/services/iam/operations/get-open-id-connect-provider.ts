// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetOpenIDConnectProvider.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizedProvider } from '../oidc.js';

type Op = Operations['GetOpenIDConnectProvider'];

export const getOpenIDConnectProvider = defineOperation<Op['input'], Op['output']>({
  name: 'GetOpenIDConnectProvider',
  actions: ['iam:GetOpenIDConnectProvider'],
  readOnly: true,
  async handler(input, ctx) {
    const p = await authorizedProvider(ctx, input.OpenIDConnectProviderArn, 'iam:GetOpenIDConnectProvider');
    return { Url: p.url, ClientIDList: [...p.clientIds], ThumbprintList: [...p.thumbprints], CreateDate: new Date(p.createdMs), Tags: p.tags.map((t) => ({ ...t })) };
  },
});
