// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetSAMLProvider.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizedSamlProvider } from '../saml.js';

type Op = Operations['GetSAMLProvider'];

export const getSAMLProvider = defineOperation<Op['input'], Op['output']>({
  name: 'GetSAMLProvider',
  actions: ['iam:GetSAMLProvider'],
  readOnly: true,
  async handler(input, ctx) {
    const p = await authorizedSamlProvider(ctx, input.SAMLProviderArn, 'iam:GetSAMLProvider');
    return {
      SAMLProviderUUID: p.uuid,
      SAMLMetadataDocument: p.metadata,
      CreateDate: new Date(p.createdMs),
      ValidUntil: new Date(p.validUntilMs),
      Tags: p.tags.map((t) => ({ ...t })),
      AssertionEncryptionMode: p.assertionEncryptionMode,
      PrivateKeyList: [],
    };
  },
});
