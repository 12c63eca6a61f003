// https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html
import { defineOperation } from '../../../core/operation.js';
import { auditParameters } from '../../../audit/redact.js';
import { authorizeKey, dryRun } from '../common.js';
import { checkEncryption, encryptUnder, openCiphertext } from '../ciphers.js';
import { assertKeyState, loadKey } from '../keys.js';
import { model, type Operations } from '../model.gen.js';
import { chargeCryptoQuota } from '../quota.js';

type Op = Operations['ReEncrypt'];

export const reEncrypt = defineOperation<Op['input'], Op['output']>({
  name: 'ReEncrypt',
  // "ReEncrypt requires kms:ReEncryptFrom permission on the source KMS key and kms:ReEncryptTo
  // permission on the destination KMS key" (API reference).
  actions: ['kms:ReEncryptFrom', 'kms:ReEncryptTo'],
  readOnly: true,
  audit: {
    request: (input) => ({
      ...auditParameters(model, 'ReEncryptRequest', input),
      sourceEncryptionAlgorithm: input.SourceEncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT',
      destinationEncryptionAlgorithm: input.DestinationEncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT',
    }),
  },
  async handler(input, ctx) {
    chargeCryptoQuota(ctx);
    const source = await openCiphertext(
      ctx,
      { blob: input.CiphertextBlob, keyId: input.SourceKeyId, context: input.SourceEncryptionContext, algorithm: input.SourceEncryptionAlgorithm, grantTokens: input.GrantTokens },
      'kms:ReEncryptFrom',
      'ReEncrypt',
    );
    const algorithm = input.DestinationEncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT';
    const dest = await loadKey(ctx, input.DestinationKeyId, { alias: true });
    const sameKey = String(dest.rec.arn === source.key.rec.arn);
    await authorizeKey(ctx, 'kms:ReEncryptTo', dest, { 'kms:EncryptionAlgorithm': algorithm, 'kms:ReEncryptOnSameKey': sameKey }, input.DestinationEncryptionContext, input.GrantTokens);
    assertKeyState(dest.rec, 'ReEncrypt');
    checkEncryption(dest.rec, algorithm, source.plaintext.byteLength, 'ReEncrypt');
    dryRun(input);
    const sealed = encryptUnder(ctx, dest, source.plaintext, algorithm, input.DestinationEncryptionContext);
    source.plaintext.fill(0);
    return {
      CiphertextBlob: sealed.blob,
      SourceKeyId: source.key.rec.arn,
      KeyId: dest.rec.arn,
      SourceEncryptionAlgorithm: source.algorithm,
      DestinationEncryptionAlgorithm: algorithm,
      ...(source.materialId !== undefined ? { SourceKeyMaterialId: source.materialId } : {}),
      ...(sealed.materialId !== undefined ? { DestinationKeyMaterialId: sealed.materialId } : {}),
    };
  },
});
