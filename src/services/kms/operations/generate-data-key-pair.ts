// https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPair.html
import { defineOperation } from '../../../core/operation.js';
import { refuseRecipient } from '../common.js';
import { generateDataKeyPair as generate } from '../data-key.js';
import type { Operations } from '../model.gen.js';
import { chargeCryptoQuota } from '../quota.js';

type Op = Operations['GenerateDataKeyPair'];

export const generateDataKeyPair = defineOperation<Op['input'], Op['output']>({
  name: 'GenerateDataKeyPair',
  actions: ['kms:GenerateDataKeyPair'],
  readOnly: true,
  async handler(input, ctx) {
    chargeCryptoQuota(ctx);
    refuseRecipient(input);
    const p = await generate(ctx, input, 'GenerateDataKeyPair');
    return {
      PrivateKeyCiphertextBlob: p.blob,
      PrivateKeyPlaintext: p.privateKey,
      PublicKey: p.publicKey,
      KeyId: p.keyArn,
      KeyPairSpec: input.KeyPairSpec,
      ...(p.materialId !== undefined ? { KeyMaterialId: p.materialId } : {}),
    };
  },
});
