// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListOpenIDConnectProviders.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { listProviders } from '../oidc.js';

type Op = Operations['ListOpenIDConnectProviders'];

export const listOpenIDConnectProviders = defineOperation<Op['input'], Op['output']>({
  name: 'ListOpenIDConnectProviders',
  actions: ['iam:ListOpenIDConnectProviders'],
  readOnly: true,
  async handler(_input, ctx) {
    await ctx.authorize({ action: 'iam:ListOpenIDConnectProviders', resource: '*' });
    const all = await listProviders(ctx.tx, ctx.account);
    return { OpenIDConnectProviderList: all.map((p) => ({ Arn: p.arn })).sort((a, b) => (a.Arn < b.Arn ? -1 : 1)) };
  },
});
