// https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateMac.html
import { createHmac } from 'node:crypto';
import { defineOperation } from '../../../core/operation.js';
import { macKey } from '../mac.js';
import type { Operations } from '../model.gen.js';
import { chargeCryptoQuota } from '../quota.js';

type Op = Operations['GenerateMac'];

export const generateMac = defineOperation<Op['input'], Op['output']>({
  name: 'GenerateMac',
  actions: ['kms:GenerateMac'],
  readOnly: true,
  async handler(input, ctx) {
    chargeCryptoQuota(ctx);
    const m = await macKey(ctx, input, 'GenerateMac');
    const mac = createHmac(m.hash, m.secret).update(input.Message).digest();
    return { Mac: mac, MacAlgorithm: input.MacAlgorithm, KeyId: m.arn };
  },
});
