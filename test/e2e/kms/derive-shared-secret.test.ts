import assert from 'node:assert/strict';
import { createECDH, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { CreateGrantCommand, DeriveSharedSecretCommand, DisableKeyCommand, GetPublicKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, assertNoSecrets, createKey, rejects, useWarden, userClient } from './helpers.js';

/** A peer key pair outside KMS on `curve` (node's name). */
const peer = (curve: string) => generateKeyPairSync('ec', { namedCurve: curve });

/** The peer's side of ECDH with node:crypto's ECDH: its private scalar and the KMS key's public point. */
function peerSecret(peerPrivate: ReturnType<typeof peer>['privateKey'], curve: string, kmsPublicDer: Uint8Array): Buffer {
  const ecdh = createECDH(curve);
  ecdh.setPrivateKey(Buffer.from(peerPrivate.export({ format: 'jwk' }).d!, 'base64url'));
  const jwk = createPublicKey({ key: Buffer.from(kmsPublicDer), format: 'der', type: 'spki' }).export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
  return ecdh.computeSecret(point);
}

describe('kms DeriveSharedSecret', () => {
  const t = useWarden();

  for (const [spec, curve, bytes] of [['ECC_NIST_P256', 'prime256v1', 32], ['ECC_NIST_P384', 'secp384r1', 48], ['ECC_NIST_P521', 'secp521r1', 66]] as const) {
    it(`derives the secret the peer derives on ${spec}`, async () => {
      const k = await createKey(t.kms, { KeySpec: spec, KeyUsage: 'KEY_AGREEMENT' });
      assert.deepEqual(k.KeyAgreementAlgorithms, ['ECDH']);
      const { PublicKey } = await t.kms.send(new GetPublicKeyCommand({ KeyId: k.KeyId }));
      const p = peer(curve);
      const out = await t.kms.send(new DeriveSharedSecretCommand({ KeyId: k.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: p.publicKey.export({ format: 'der', type: 'spki' }) }));
      const secret = Buffer.from(out.SharedSecret!);
      assert.equal(secret.length, bytes);
      assert.deepEqual(secret, peerSecret(p.privateKey, curve, PublicKey!));
      assert.deepEqual([out.KeyId, out.KeyAgreementAlgorithm, out.KeyOrigin], [k.Arn, 'ECDH', 'AWS_KMS']);
      const ev = await t.w.eventFor(out.$metadata.requestId!);
      assertKmsEvent(ev, 'DeriveSharedSecret', true, k.Arn);
      assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, keyAgreementAlgorithm: 'ECDH' });
      assertNoSecrets(ev, secret);
    });
  }

  it('refuses keys of another usage, a peer key on another curve or not DER, and secp256k1 key agreement', async () => {
    const der = peer('prime256v1').publicKey.export({ format: 'der', type: 'spki' });
    const sig = await createKey(t.kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    await rejects(t.kms.send(new DeriveSharedSecretCommand({ KeyId: sig.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: der })), 'InvalidKeyUsageException', `${sig.Arn} key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.`);
    const sym = await createKey(t.kms);
    await rejects(t.kms.send(new DeriveSharedSecretCommand({ KeyId: sym.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: der })), 'InvalidKeyUsageException');
    const k = await createKey(t.kms, { KeySpec: 'ECC_NIST_P384', KeyUsage: 'KEY_AGREEMENT' });
    await rejects(t.kms.send(new DeriveSharedSecretCommand({ KeyId: k.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: der })), 'ValidationException');
    await rejects(t.kms.send(new DeriveSharedSecretCommand({ KeyId: k.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: Buffer.from('not a key') })), 'ValidationException');
    await rejects(t.kms.send(new DeriveSharedSecretCommand({ KeyId: k.KeyId, KeyAgreementAlgorithm: 'X' as never, PublicKey: der })), 'ValidationException', /keyAgreementAlgorithm/);
    // DryRun does not hide a bad request.
    await rejects(t.kms.send(new DeriveSharedSecretCommand({ KeyId: k.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: der, DryRun: true })), 'ValidationException');
    // "NIST-recommended elliptic curve (ECC) or SM2" (API_DeriveSharedSecret): not secp256k1.
    await rejects(createKey(t.kms, { KeySpec: 'ECC_SECG_P256K1', KeyUsage: 'KEY_AGREEMENT' }), 'ValidationException');
  });

  it('answers DryRun after every check, and the key-state table', async () => {
    const k = await createKey(t.kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
    const der = peer('prime256v1').publicKey.export({ format: 'der', type: 'spki' });
    await rejects(t.kms.send(new DeriveSharedSecretCommand({ KeyId: k.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: der, DryRun: true })), 'DryRunOperationException');
    await t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    await rejects(t.kms.send(new DeriveSharedSecretCommand({ KeyId: k.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: der })), 'DisabledException', `${k.Arn} is disabled.`);
    const d = await createKey(t.kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
    await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: d.KeyId, PendingWindowInDays: 7 }));
    await rejects(t.kms.send(new DeriveSharedSecretCommand({ KeyId: d.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: der })), 'KMSInvalidStateException', `${d.Arn} is pending deletion.`);
  });

  it('needs kms:DeriveSharedSecret, from a policy or a grant', async () => {
    const k = await createKey(t.kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
    const der = peer('prime256v1').publicKey.export({ format: 'der', type: 'spki' });
    const bob = await userClient(t.w, 'ecdh-bob');
    const err = await rejects(bob.send(new DeriveSharedSecretCommand({ KeyId: k.Arn, KeyAgreementAlgorithm: 'ECDH', PublicKey: der })), 'AccessDeniedException', /kms:DeriveSharedSecret on resource/);
    assert.equal((await t.w.eventFor(err.$metadata.requestId))['errorCode'], 'AccessDeniedException');
    await rejects(t.other.send(new DeriveSharedSecretCommand({ KeyId: k.Arn, KeyAgreementAlgorithm: 'ECDH', PublicKey: der })), 'AccessDeniedException');
    await t.kms.send(new CreateGrantCommand({ KeyId: k.KeyId, GranteePrincipal: 'arn:aws:iam::000000000000:user/ecdh-bob', Operations: ['DeriveSharedSecret'] }));
    const out = await bob.send(new DeriveSharedSecretCommand({ KeyId: k.Arn, KeyAgreementAlgorithm: 'ECDH', PublicKey: der }));
    assert.equal(out.SharedSecret!.length, 32);
  });
});
