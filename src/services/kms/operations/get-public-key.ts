// https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html
import { defineOperation } from '../../../core/operation.js';
import { authorizeKey } from '../common.js';
import { UnsupportedOperationException } from '../errors.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { CustomerMasterKeySpec, Operations } from '../model.gen.js';
import { agreementAlgorithms, encryptionAlgorithms, signingAlgorithms } from '../specs.js';

type Op = Operations['GetPublicKey'];

export const getPublicKey = defineOperation<Op['input'], Op['output']>({
  name: 'GetPublicKey',
  actions: ['kms:GetPublicKey'],
  readOnly: true,
  async handler(input, ctx) {
    const key = await loadKey(ctx, input.KeyId, { alias: true });
    await authorizeKey(ctx, 'kms:GetPublicKey', key, undefined, undefined, input.GrantTokens);
    assertKeyState(key.rec, 'GetPublicKey');
    const rec = key.rec;
    const current = rec.backing.find((b) => b.version === rec.current);
    if (current?.publicKey === undefined) throw new UnsupportedOperationException(`${rec.arn} key spec ${rec.keySpec} is not valid for this operation.`); // unverified
    const enc = encryptionAlgorithms(rec);
    const sig = signingAlgorithms(rec);
    const agr = agreementAlgorithms(rec);
    return {
      KeyId: rec.arn,
      PublicKey: Buffer.from(current.publicKey, 'base64'),
      CustomerMasterKeySpec: rec.keySpec as CustomerMasterKeySpec, // every spec Warden creates has the deprecated name too
      KeySpec: rec.keySpec,
      KeyUsage: rec.keyUsage,
      ...(enc.length > 0 ? { EncryptionAlgorithms: [...enc] } : {}),
      ...(sig.length > 0 ? { SigningAlgorithms: [...sig] } : {}),
      ...(agr.length > 0 ? { KeyAgreementAlgorithms: [...agr] } : {}),
    };
  },
});
