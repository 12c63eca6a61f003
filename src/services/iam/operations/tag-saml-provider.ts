// https://docs.aws.amazon.com/IAM/latest/APIReference/API_TagSAMLProvider.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { mergeProviderTags } from '../oidc.js';
import { authorizedSamlProvider, putSamlProvider } from '../saml.js';
import { requestTagConditions } from '../tags.js';

type Op = Operations['TagSAMLProvider'];

export const tagSAMLProvider = defineOperation<Op['input'], Op['output']>({
  name: 'TagSAMLProvider',
  actions: ['iam:TagSAMLProvider'],
  readOnly: false,
  async handler(input, ctx) {
    const p = await authorizedSamlProvider(ctx, input.SAMLProviderArn, 'iam:TagSAMLProvider', requestTagConditions(input.Tags));
    putSamlProvider(ctx.tx, ctx.account, { ...p, tags: mergeProviderTags(p.tags, input.Tags) });
    return {};
  },
});
