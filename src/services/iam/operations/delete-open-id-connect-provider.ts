// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteOpenIDConnectProvider.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizedProvider, deleteProvider, providerNotFoundForDelete } from '../oidc.js';

type Op = Operations['DeleteOpenIDConnectProvider'];

export const deleteOpenIDConnectProvider = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteOpenIDConnectProvider',
  actions: ['iam:DeleteOpenIDConnectProvider'],
  readOnly: false,
  async handler(input, ctx) {
    // Roles trusting the provider keep their trust policies; their web identities just fail (as on AWS).
    const p = await authorizedProvider(ctx, input.OpenIDConnectProviderArn, 'iam:DeleteOpenIDConnectProvider', {}, providerNotFoundForDelete);
    deleteProvider(ctx.tx, ctx.account, p);
    ctx.audit.addResource(p.arn, 'AWS::IAM::OIDCProvider');
    return {};
  },
});
