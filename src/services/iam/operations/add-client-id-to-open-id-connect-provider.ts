// https://docs.aws.amazon.com/IAM/latest/APIReference/API_AddClientIDToOpenIDConnectProvider.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizedProvider, MAX_CLIENT_IDS, putProvider, tooManyClientIds } from '../oidc.js';

type Op = Operations['AddClientIDToOpenIDConnectProvider'];

export const addClientIDToOpenIDConnectProvider = defineOperation<Op['input'], Op['output']>({
  name: 'AddClientIDToOpenIDConnectProvider',
  actions: ['iam:AddClientIDToOpenIDConnectProvider'],
  readOnly: false,
  async handler(input, ctx) {
    const p = await authorizedProvider(ctx, input.OpenIDConnectProviderArn, 'iam:AddClientIDToOpenIDConnectProvider');
    // "If the client ID is already registered, the operation succeeds" without change (API reference: idempotent).
    if (p.clientIds.includes(input.ClientID)) return {};
    if (p.clientIds.length >= MAX_CLIENT_IDS) throw tooManyClientIds();
    putProvider(ctx.tx, ctx.account, { ...p, clientIds: [...p.clientIds, input.ClientID] });
    return {};
  },
});
