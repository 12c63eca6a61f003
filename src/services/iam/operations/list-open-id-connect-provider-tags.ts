// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListOpenIDConnectProviderTags.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizedProvider } from '../oidc.js';
import { pageFields, paginate } from '../paging.js';
import { sortedTags } from '../tags.js';

type Op = Operations['ListOpenIDConnectProviderTags'];

export const listOpenIDConnectProviderTags = defineOperation<Op['input'], Op['output']>({
  name: 'ListOpenIDConnectProviderTags',
  actions: ['iam:ListOpenIDConnectProviderTags'],
  readOnly: true,
  async handler(input, ctx) {
    const p = await authorizedProvider(ctx, input.OpenIDConnectProviderArn, 'iam:ListOpenIDConnectProviderTags');
    const page = paginate(sortedTags(p.tags), (t) => t.Key, input);
    return { Tags: page.items, ...pageFields(page) };
  },
});
