// https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPairWithoutPlaintext.html
import { defineOperation } from '../../../core/operation.js';
import { generateDataKeyPair as generate } from '../data-key.js';
import type { Operations } from '../model.gen.js';
import { chargeCryptoQuota } from '../quota.js';

type Op = Operations['GenerateDataKeyPairWithoutPlaintext'];

export const generateDataKeyPairWithoutPlaintext = defineOperation<Op['input'], Op['output']>({
  name: 'GenerateDataKeyPairWithoutPlaintext',
  actions: ['kms:GenerateDataKeyPairWithoutPlaintext'],
  readOnly: true,
  async handler(input, ctx) {
    chargeCryptoQuota(ctx);
    const p = await generate(ctx, input, 'GenerateDataKeyPairWithoutPlaintext');
    p.privateKey.fill(0);
    return {
      PrivateKeyCiphertextBlob: p.blob,
      PublicKey: p.publicKey,
      KeyId: p.keyArn,
      KeyPairSpec: input.KeyPairSpec,
      ...(p.materialId !== undefined ? { KeyMaterialId: p.materialId } : {}),
    };
  },
});
