// https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyWithoutPlaintext.html
import { defineOperation } from '../../../core/operation.js';
import { generateDataKey } from '../data-key.js';
import type { Operations } from '../model.gen.js';
import { chargeCryptoQuota } from '../quota.js';

type Op = Operations['GenerateDataKeyWithoutPlaintext'];

export const generateDataKeyWithoutPlaintext = defineOperation<Op['input'], Op['output']>({
  name: 'GenerateDataKeyWithoutPlaintext',
  actions: ['kms:GenerateDataKeyWithoutPlaintext'],
  readOnly: true,
  async handler(input, ctx) {
    chargeCryptoQuota(ctx);
    const dk = await generateDataKey(ctx, input, 'GenerateDataKeyWithoutPlaintext');
    dk.plaintext.fill(0);
    return { CiphertextBlob: dk.blob, KeyId: dk.keyArn, ...(dk.materialId !== undefined ? { KeyMaterialId: dk.materialId } : {}) };
  },
});
