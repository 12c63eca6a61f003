// https://docs.aws.amazon.com/kms/latest/APIReference/API_VerifyMac.html
import { createHmac, timingSafeEqual } from 'node:crypto';
import { defineOperation } from '../../../core/operation.js';
import { KMSInvalidMacException } from '../errors.js';
import { macKey } from '../mac.js';
import type { Operations } from '../model.gen.js';
import { chargeCryptoQuota } from '../quota.js';

type Op = Operations['VerifyMac'];

export const verifyMac = defineOperation<Op['input'], Op['output']>({
  name: 'VerifyMac',
  actions: ['kms:VerifyMac'],
  readOnly: true,
  async handler(input, ctx) {
    chargeCryptoQuota(ctx);
    const m = await macKey(ctx, input, 'VerifyMac');
    const expected = createHmac(m.hash, m.secret).update(input.Message).digest();
    const given = Buffer.from(input.Mac);
    // A wrong MAC is an error without a message (LocalStack's AWS recordings).
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new KMSInvalidMacException('');
    return { KeyId: m.arn, MacValid: true, MacAlgorithm: input.MacAlgorithm };
  },
});
