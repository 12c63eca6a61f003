// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListSAMLProviderTags.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { pageFields, paginate } from '../paging.js';
import { authorizedSamlProvider } from '../saml.js';
import { sortedTags } from '../tags.js';

type Op = Operations['ListSAMLProviderTags'];

export const listSAMLProviderTags = defineOperation<Op['input'], Op['output']>({
  name: 'ListSAMLProviderTags',
  actions: ['iam:ListSAMLProviderTags'],
  readOnly: true,
  async handler(input, ctx) {
    const p = await authorizedSamlProvider(ctx, input.SAMLProviderArn, 'iam:ListSAMLProviderTags');
    const page = paginate(sortedTags(p.tags), (t) => t.Key, input);
    return { Tags: page.items, ...pageFields(page) };
  },
});
