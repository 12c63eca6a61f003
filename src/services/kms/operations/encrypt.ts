// https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html
import { defineOperation } from '../../../core/operation.js';
import { auditParameters } from '../../../audit/redact.js';
import { authorizeKey, dryRun } from '../common.js';
import { checkEncryption, encryptUnder } from '../ciphers.js';
import { assertKeyState, loadKey } from '../keys.js';
import { model, type Operations } from '../model.gen.js';
import { chargeCryptoQuota } from '../quota.js';

type Op = Operations['Encrypt'];

export const encrypt = defineOperation<Op['input'], Op['output']>({
  name: 'Encrypt',
  actions: ['kms:Encrypt'],
  readOnly: true,
  audit: {
    // CloudTrail records the algorithm even when the request left it to its default (ct-encrypt.html).
    request: (input) => ({ ...auditParameters(model, 'EncryptRequest', input), encryptionAlgorithm: input.EncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT' }),
  },
  async handler(input, ctx) {
    chargeCryptoQuota(ctx);
    const algorithm = input.EncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT';
    const key = await loadKey(ctx, input.KeyId, { alias: true });
    await authorizeKey(ctx, 'kms:Encrypt', key, { 'kms:EncryptionAlgorithm': algorithm }, input.EncryptionContext, input.GrantTokens);
    assertKeyState(key.rec, 'Encrypt');
    checkEncryption(key.rec, algorithm, input.Plaintext.byteLength, 'Encrypt');
    dryRun(input);
    const sealed = encryptUnder(ctx, key, input.Plaintext, algorithm, input.EncryptionContext);
    return { CiphertextBlob: sealed.blob, KeyId: key.rec.arn, EncryptionAlgorithm: algorithm };
  },
});
