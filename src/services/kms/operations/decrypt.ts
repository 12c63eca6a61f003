// https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html
import { defineOperation } from '../../../core/operation.js';
import { auditParameters } from '../../../audit/redact.js';
import { dryRun, refuseRecipient } from '../common.js';
import { openCiphertext } from '../ciphers.js';
import { model, type Operations } from '../model.gen.js';
import { chargeCryptoQuota } from '../quota.js';

type Op = Operations['Decrypt'];

export const decrypt = defineOperation<Op['input'], Op['output']>({
  name: 'Decrypt',
  actions: ['kms:Decrypt'],
  readOnly: true,
  audit: {
    // "always includes the encryptionAlgorithm in the requestParameters even if the encryption
    // algorithm wasn't specified in the request" (ct-decrypt.html).
    request: (input) => ({ ...auditParameters(model, 'DecryptRequest', input), encryptionAlgorithm: input.EncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT' }),
  },
  async handler(input, ctx) {
    chargeCryptoQuota(ctx);
    refuseRecipient(input);
    const opened = await openCiphertext(
      ctx,
      { blob: input.CiphertextBlob, keyId: input.KeyId, context: input.EncryptionContext, algorithm: input.EncryptionAlgorithm, grantTokens: input.GrantTokens },
      'kms:Decrypt',
      'Decrypt',
    );
    dryRun(input);
    return {
      KeyId: opened.key.rec.arn,
      Plaintext: opened.plaintext,
      EncryptionAlgorithm: opened.algorithm,
      ...(opened.materialId !== undefined ? { KeyMaterialId: opened.materialId } : {}),
    };
  },
});
