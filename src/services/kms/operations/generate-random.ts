// https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateRandom.html
import { randomBytes } from 'node:crypto';
import { defineOperation } from '../../../core/operation.js';
import { refuseRecipient } from '../common.js';
import { UnsupportedOperationException, ValidationException } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { chargeCryptoQuota } from '../quota.js';

type Op = Operations['GenerateRandom'];

export const generateRandom = defineOperation<Op['input'], Op['output']>({
  name: 'GenerateRandom',
  actions: ['kms:GenerateRandom'],
  readOnly: true,
  async handler(input, ctx) {
    chargeCryptoQuota(ctx);
    await ctx.authorize({ action: 'kms:GenerateRandom', resource: '*', conditions: { 'kms:CallerAccount': ctx.account } });
    refuseRecipient(input);
    if (input.CustomKeyStoreId !== undefined) throw new UnsupportedOperationException('Warden does not support custom key stores yet.'); // Differs from AWS
    // LocalStack's AWS recording of GenerateRandom without NumberOfBytes.
    if (input.NumberOfBytes === undefined) throw new ValidationException('NumberOfBytes is required.');
    return { Plaintext: randomBytes(input.NumberOfBytes) };
  },
});
