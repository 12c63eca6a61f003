// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateSAMLProvider.html
import { ProtocolError } from '../../../core/errors.js';
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { authorizedSamlProvider, parseMetadata, putSamlProvider, validUntil } from '../saml.js';
import { NO_PRIVATE_KEYS } from './create-saml-provider.js';

type Op = Operations['UpdateSAMLProvider'];

export const updateSAMLProvider = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateSAMLProvider',
  actions: ['iam:UpdateSAMLProvider'],
  readOnly: false,
  audit: { request: (input) => ({ sAMLProviderArn: input.SAMLProviderArn, ...(input.AssertionEncryptionMode !== undefined ? { assertionEncryptionMode: input.AssertionEncryptionMode } : {}) }) },
  async handler(input, ctx) {
    const p = await authorizedSamlProvider(ctx, input.SAMLProviderArn, 'iam:UpdateSAMLProvider');
    if (input.AddPrivateKey !== undefined || input.RemovePrivateKey !== undefined) throw new ProtocolError('NotImplemented', NO_PRIVATE_KEYS, 501);
    const parsed = input.SAMLMetadataDocument === undefined ? undefined : parseMetadata(input.SAMLMetadataDocument);
    putSamlProvider(ctx.tx, ctx.account, {
      ...p,
      ...(parsed !== undefined ? { metadata: input.SAMLMetadataDocument!, entityId: parsed.entityId, certificates: parsed.certificates, validUntilMs: validUntil(parsed, ctx.clock.now()) } : {}),
      ...(input.AssertionEncryptionMode !== undefined ? { assertionEncryptionMode: input.AssertionEncryptionMode === 'Required' ? 'Required' : 'Allowed' } : {}),
    });
    return { SAMLProviderArn: p.arn };
  },
});
