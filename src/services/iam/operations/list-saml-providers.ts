// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListSAMLProviders.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { listSamlProviders } from '../saml.js';

type Op = Operations['ListSAMLProviders'];

export const listSAMLProviders = defineOperation<Op['input'], Op['output']>({
  name: 'ListSAMLProviders',
  actions: ['iam:ListSAMLProviders'],
  readOnly: true,
  async handler(_input, ctx) {
    await ctx.authorize({ action: 'iam:ListSAMLProviders', resource: '*' });
    const all = await listSamlProviders(ctx.tx, ctx.account);
    return { SAMLProviderList: all.map((p) => ({ Arn: p.arn, ValidUntil: new Date(p.validUntilMs), CreateDate: new Date(p.createdMs) })) };
  },
});
