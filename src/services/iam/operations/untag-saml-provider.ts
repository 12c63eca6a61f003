// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UntagSAMLProvider.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizedSamlProvider, putSamlProvider } from '../saml.js';

type Op = Operations['UntagSAMLProvider'];

export const untagSAMLProvider = defineOperation<Op['input'], Op['output']>({
  name: 'UntagSAMLProvider',
  actions: ['iam:UntagSAMLProvider'],
  readOnly: false,
  async handler(input, ctx) {
    const p = await authorizedSamlProvider(ctx, input.SAMLProviderArn, 'iam:UntagSAMLProvider', { 'aws:TagKeys': [...input.TagKeys] });
    putSamlProvider(ctx.tx, ctx.account, { ...p, tags: p.tags.filter((t) => !input.TagKeys.includes(t.Key)) });
    return {};
  },
});
