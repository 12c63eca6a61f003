// https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html
import { defineOperation } from '../../../core/operation.js';
import { auditParameters } from '../../../audit/redact.js';
import { kmsSign } from '../../../crypto/kms-sign.js';
import { model, type Operations } from '../model.gen.js';
import { signingKey } from '../signing.js';
import { chargeCryptoQuota } from '../quota.js';

type Op = Operations['Sign'];

export const sign = defineOperation<Op['input'], Op['output']>({
  name: 'Sign',
  actions: ['kms:Sign'],
  readOnly: true,
  // The message is `sensitive` in the model and never logged; the type defaults to RAW.
  audit: { request: (input) => ({ ...auditParameters(model, 'SignRequest', input), messageType: input.MessageType ?? 'RAW' }) },
  async handler(input, ctx) {
    chargeCryptoQuota(ctx);
    const s = await signingKey(ctx, input, 'Sign');
    const signature = kmsSign(s.objs.secret, s.algorithm, input.Message, s.isDigest);
    return { KeyId: s.key.rec.arn, Signature: signature, SigningAlgorithm: input.SigningAlgorithm };
  },
});
