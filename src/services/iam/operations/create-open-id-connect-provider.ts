// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { checkProviderQuota, invalidUrl, MAX_CLIENT_IDS, MAX_THUMBPRINTS, mergeProviderTags, oidcProviderArn, providerExists, providerUrl, putProvider, readProvider, tooManyClientIds, tooManyThumbprints } from '../oidc.js';
import { authorizeCreate, sortedTags } from '../tags.js';

type Op = Operations['CreateOpenIDConnectProvider'];

export const createOpenIDConnectProvider = defineOperation<Op['input'], Op['output']>({
  name: 'CreateOpenIDConnectProvider',
  actions: ['iam:CreateOpenIDConnectProvider', 'iam:TagOpenIDConnectProvider'],
  readOnly: false,
  audit: { response: (out) => ({ openIDConnectProviderArn: out.OpenIDConnectProviderArn ?? '' }) },
  async handler(input, ctx) {
    const url = providerUrl(input.Url);
    if (url === undefined) throw invalidUrl();
    const arn = oidcProviderArn(ctx.account, url);
    // unverified: that tagging on creation needs iam:TagOpenIDConnectProvider too, as it does for roles and users.
    await authorizeCreate(ctx, 'iam:CreateOpenIDConnectProvider', 'iam:TagOpenIDConnectProvider', arn, input.Tags);
    const thumbprints = [...new Set(input.ThumbprintList ?? [])];
    if (thumbprints.length > MAX_THUMBPRINTS) throw tooManyThumbprints();
    const clientIds = [...new Set(input.ClientIDList ?? [])];
    if (clientIds.length > MAX_CLIENT_IDS) throw tooManyClientIds();
    const tags = mergeProviderTags([], input.Tags ?? []);
    if ((await readProvider(ctx.tx, arn)) !== undefined) throw providerExists(url);
    await checkProviderQuota(ctx.tx, ctx.account);
    putProvider(ctx.tx, ctx.account, { v: 1, arn, url, clientIds, thumbprints, createdMs: ctx.clock.now(), tags });
    ctx.audit.addResource(arn, 'AWS::IAM::OIDCProvider');
    return { OpenIDConnectProviderArn: arn, ...(tags.length > 0 ? { Tags: sortedTags(tags) } : {}) };
  },
});
