// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteSAMLProvider.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizedSamlProvider, deleteSamlProvider } from '../saml.js';

type Op = Operations['DeleteSAMLProvider'];

export const deleteSAMLProvider = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteSAMLProvider',
  actions: ['iam:DeleteSAMLProvider'],
  readOnly: false,
  async handler(input, ctx) {
    const p = await authorizedSamlProvider(ctx, input.SAMLProviderArn, 'iam:DeleteSAMLProvider');
    deleteSamlProvider(ctx.tx, ctx.account, p);
    ctx.audit.addResource(p.arn, 'AWS::IAM::SAMLProvider');
    return {};
  },
});
