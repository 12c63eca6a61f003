import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { describe, it } from 'node:test';
import { DisableKeyCommand, GetPublicKeyCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms GetPublicKey', () => {
  const t = useWarden();

  it('returns the DER SubjectPublicKeyInfo with the spec, usage and algorithms', async () => {
    const sig = await createKey(t.kms, { KeySpec: 'ECC_NIST_P384', KeyUsage: 'SIGN_VERIFY' });
    const out = await t.kms.send(new GetPublicKeyCommand({ KeyId: sig.KeyId }));
    assert.deepEqual([out.KeyId, out.KeySpec, out.CustomerMasterKeySpec, out.KeyUsage, out.SigningAlgorithms, out.EncryptionAlgorithms], [sig.Arn, 'ECC_NIST_P384', 'ECC_NIST_P384', 'SIGN_VERIFY', ['ECDSA_SHA_384'], undefined]);
    assert.equal(createPublicKey({ key: Buffer.from(out.PublicKey!), format: 'der', type: 'spki' }).asymmetricKeyDetails!.namedCurve, 'secp384r1');
    const rsa = await createKey(t.kms, { KeySpec: 'RSA_4096', KeyUsage: 'ENCRYPT_DECRYPT' });
    const r = await t.kms.send(new GetPublicKeyCommand({ KeyId: rsa.Arn }));
    assert.deepEqual([r.EncryptionAlgorithms, r.SigningAlgorithms], [['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'], undefined]);
    assert.equal(createPublicKey({ key: Buffer.from(r.PublicKey!), format: 'der', type: 'spki' }).asymmetricKeyDetails!.modulusLength, 4096);
    const ev = await t.w.eventFor(out.$metadata.requestId!);
    assertKmsEvent(ev, 'GetPublicKey', true, sig.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: sig.KeyId });
  });

  it('refuses symmetric and HMAC keys, disabled keys and another account', async () => {
    const sym = await createKey(t.kms);
    await rejects(t.kms.send(new GetPublicKeyCommand({ KeyId: sym.KeyId })), 'UnsupportedOperationException', `${sym.Arn} key spec SYMMETRIC_DEFAULT is not valid for this operation.`);
    const k = await createKey(t.kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    await rejects(t.other.send(new GetPublicKeyCommand({ KeyId: k.Arn })), 'AccessDeniedException', /kms:GetPublicKey on resource/);
    await t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    await rejects(t.kms.send(new GetPublicKeyCommand({ KeyId: k.KeyId })), 'DisabledException', `${k.Arn} is disabled.`);
  });
});
