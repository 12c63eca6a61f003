// https://docs.aws.amazon.com/kms/latest/APIReference/API_DeriveSharedSecret.html
import { createPublicKey, diffieHellman, type KeyObject } from 'node:crypto';
import { defineOperation } from '../../../core/operation.js';
import { assertUsage, authorizeKey, dryRun, incompatibleAlgorithm, refuseRecipient } from '../common.js';
import { ValidationException } from '../errors.js';
import { assertKeyState, loadKey } from '../keys.js';
import type { Operations } from '../model.gen.js';
import { agreementAlgorithms } from '../specs.js';
import { backingKeys } from '../state.js';
import { chargeCryptoQuota } from '../quota.js';

type Op = Operations['DeriveSharedSecret'];

/**
 * The peer's public key: "DER-encoded X.509 public key, also known as SubjectPublicKeyInfo (SPKI)"
 * on the KMS key's curve (API_DeriveSharedSecret, PublicKey). What AWS answers for a key that does
 * not parse or is on another curve is not documented: ValidationException. // unverified
 */
function peerKey(der: Uint8Array, curve: string | undefined): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
  } catch {
    throw new ValidationException('PublicKey must be a DER-encoded X.509 SubjectPublicKeyInfo.'); // unverified
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== curve) {
    throw new ValidationException('The public key must use the same elliptic curve as the KMS key.'); // unverified
  }
  return key;
}

export const deriveSharedSecret = defineOperation<Op['input'], Op['output']>({
  name: 'DeriveSharedSecret',
  actions: ['kms:DeriveSharedSecret'],
  readOnly: true,
  // The peer's public key is a blob (dropped from requestParameters like every blob); the shared
  // secret is `sensitive` in the model and never logged. // unverified: AWS's event for this operation (no documented example found)
  async handler(input, ctx) {
    chargeCryptoQuota(ctx);
    refuseRecipient(input);
    const key = await loadKey(ctx, input.KeyId, { alias: true });
    await authorizeKey(ctx, 'kms:DeriveSharedSecret', key, { 'kms:KeyAgreementAlgorithm': input.KeyAgreementAlgorithm }, undefined, input.GrantTokens);
    assertKeyState(key.rec, 'DeriveSharedSecret');
    assertUsage(key.rec, 'KEY_AGREEMENT', 'DeriveSharedSecret');
    if (!agreementAlgorithms(key.rec).includes(input.KeyAgreementAlgorithm)) throw incompatibleAlgorithm(input.KeyAgreementAlgorithm, key.rec);
    const objs = backingKeys(ctx, key, key.rec.current)!;
    const peer = peerKey(input.PublicKey, objs.secret.asymmetricKeyDetails?.namedCurve);
    dryRun(input);
    // ECDH on NIST curves (cofactor 1): the x-coordinate of d·Q, as the ECC CDH primitive defines it.
    const SharedSecret = diffieHellman({ privateKey: objs.secret, publicKey: peer });
    return { KeyId: key.rec.arn, SharedSecret, KeyAgreementAlgorithm: input.KeyAgreementAlgorithm, KeyOrigin: key.rec.origin };
  },
});
