// https://docs.aws.amazon.com/kms/latest/APIReference/API_Verify.html
import { defineOperation } from '../../../core/operation.js';
import { auditParameters } from '../../../audit/redact.js';
import { kmsVerify } from '../../../crypto/kms-sign.js';
import { KMSInvalidSignatureException } from '../errors.js';
import { model, type Operations } from '../model.gen.js';
import { signingKey } from '../signing.js';
import { chargeCryptoQuota } from '../quota.js';

type Op = Operations['Verify'];

export const verify = defineOperation<Op['input'], Op['output']>({
  name: 'Verify',
  actions: ['kms:Verify'],
  readOnly: true,
  audit: { request: (input) => ({ ...auditParameters(model, 'VerifyRequest', input), messageType: input.MessageType ?? 'RAW' }) },
  async handler(input, ctx) {
    chargeCryptoQuota(ctx);
    const s = await signingKey(ctx, input, 'Verify');
    const valid = kmsVerify(s.objs.secret, s.objs.publicKey!, s.algorithm, input.Message, s.isDigest, input.Signature);
    // An invalid signature is an error without a message, not SignatureValid: false (LocalStack's AWS recordings).
    if (!valid) throw new KMSInvalidSignatureException('');
    return { KeyId: s.key.rec.arn, SignatureValid: true, SigningAlgorithm: input.SigningAlgorithm };
  },
});
