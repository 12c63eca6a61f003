// https://docs.aws.amazon.com/IAM/latest/APIReference/API_RemoveClientIDFromOpenIDConnectProvider.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizedProvider, putProvider } from '../oidc.js';

type Op = Operations['RemoveClientIDFromOpenIDConnectProvider'];

export const removeClientIDFromOpenIDConnectProvider = defineOperation<Op['input'], Op['output']>({
  name: 'RemoveClientIDFromOpenIDConnectProvider',
  actions: ['iam:RemoveClientIDFromOpenIDConnectProvider'],
  readOnly: false,
  async handler(input, ctx) {
    const p = await authorizedProvider(ctx, input.OpenIDConnectProviderArn, 'iam:RemoveClientIDFromOpenIDConnectProvider');
    // "This operation is idempotent; it does not fail or return an error if you try to remove a client ID that does not exist."
    if (p.clientIds.includes(input.ClientID)) putProvider(ctx.tx, ctx.account, { ...p, clientIds: p.clientIds.filter((c) => c !== input.ClientID) });
    return {};
  },
});
