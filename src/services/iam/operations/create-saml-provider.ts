// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateSAMLProvider.html
import { ProtocolError } from '../../../core/errors.js';
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { mergeProviderTags } from '../oidc.js';
import { checkSamlQuota, parseMetadata, putSamlProvider, readSamlProvider, samlExists, samlProviderArn, samlProviderUuid, validUntil } from '../saml.js';
import { authorizeCreate, sortedTags } from '../tags.js';

type Op = Operations['CreateSAMLProvider'];

export const NO_PRIVATE_KEYS = 'Warden does not decrypt SAML assertions: AddPrivateKey is not supported.';

export const createSAMLProvider = defineOperation<Op['input'], Op['output']>({
  name: 'CreateSAMLProvider',
  actions: ['iam:CreateSAMLProvider', 'iam:TagSAMLProvider'],
  readOnly: false,
  audit: {
    // Differs from AWS: CloudTrail records sAMLMetadataDocument too; Warden keeps the name only (the document can be megabytes).
    request: (input) => ({ name: input.Name, ...(input.Tags !== undefined ? { tags: input.Tags.map((t) => ({ key: t.Key, value: t.Value })) } : {}) }),
    response: (out) => ({ sAMLProviderArn: out.SAMLProviderArn ?? '' }),
  },
  async handler(input, ctx) {
    const arn = samlProviderArn(ctx.account, input.Name);
    await authorizeCreate(ctx, 'iam:CreateSAMLProvider', 'iam:TagSAMLProvider', arn, input.Tags);
    if (input.AddPrivateKey !== undefined) throw new ProtocolError('NotImplemented', NO_PRIVATE_KEYS, 501);
    const parsed = parseMetadata(input.SAMLMetadataDocument);
    const tags = mergeProviderTags([], input.Tags ?? []);
    if ((await readSamlProvider(ctx.tx, arn)) !== undefined) throw samlExists(input.Name);
    await checkSamlQuota(ctx.tx, ctx.account);
    const now = ctx.clock.now();
    putSamlProvider(ctx.tx, ctx.account, {
      v: 1,
      arn,
      name: input.Name,
      uuid: samlProviderUuid(),
      metadata: input.SAMLMetadataDocument,
      entityId: parsed.entityId,
      certificates: parsed.certificates,
      validUntilMs: validUntil(parsed, now),
      createdMs: now,
      assertionEncryptionMode: input.AssertionEncryptionMode === 'Required' ? 'Required' : 'Allowed',
      tags,
    });
    ctx.audit.addResource(arn, 'AWS::IAM::SAMLProvider');
    return { SAMLProviderArn: arn, ...(tags.length > 0 ? { Tags: sortedTags(tags) } : {}) };
  },
});
