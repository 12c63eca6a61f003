// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateOpenIDConnectProviderThumbprint.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizedProvider, MAX_THUMBPRINTS, putProvider, tooManyThumbprints } from '../oidc.js';

type Op = Operations['UpdateOpenIDConnectProviderThumbprint'];

export const updateOpenIDConnectProviderThumbprint = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateOpenIDConnectProviderThumbprint',
  actions: ['iam:UpdateOpenIDConnectProviderThumbprint'],
  readOnly: false,
  async handler(input, ctx) {
    const p = await authorizedProvider(ctx, input.OpenIDConnectProviderArn, 'iam:UpdateOpenIDConnectProviderThumbprint');
    const thumbprints = [...new Set(input.ThumbprintList)];
    if (thumbprints.length > MAX_THUMBPRINTS) throw tooManyThumbprints();
    // "The list that you pass with this operation completely replaces the existing list of thumbprints."
    putProvider(ctx.tx, ctx.account, { ...p, thumbprints });
    return {};
  },
});
