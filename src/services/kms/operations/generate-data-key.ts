// https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html
import { defineOperation } from '../../../core/operation.js';
import { refuseRecipient } from '../common.js';
import { generateDataKey as generate } from '../data-key.js';
import type { Operations } from '../model.gen.js';
import { chargeCryptoQuota } from '../quota.js';

type Op = Operations['GenerateDataKey'];

export const generateDataKey = defineOperation<Op['input'], Op['output']>({
  name: 'GenerateDataKey',
  actions: ['kms:GenerateDataKey'],
  readOnly: true,
  async handler(input, ctx) {
    chargeCryptoQuota(ctx);
    refuseRecipient(input);
    const dk = await generate(ctx, input, 'GenerateDataKey');
    return { CiphertextBlob: dk.blob, Plaintext: dk.plaintext, KeyId: dk.keyArn, ...(dk.materialId !== undefined ? { KeyMaterialId: dk.materialId } : {}) };
  },
});
