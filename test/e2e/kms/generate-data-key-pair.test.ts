import assert from 'node:assert/strict';
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { DecryptCommand, GenerateDataKeyPairCommand, GenerateDataKeyPairWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, assertNoSecrets, createKey, rejects, useWarden } from './helpers.js';

describe('kms GenerateDataKeyPair and GenerateDataKeyPairWithoutPlaintext', () => {
  const t = useWarden();

  for (const spec of ['ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'RSA_2048'] as const) {
    it(`${spec}: the private key Decrypt returns matches the public key`, async () => {
      const k = await createKey(t.kms);
      const ctx = { purpose: 'pair' };
      const out = await t.kms.send(new GenerateDataKeyPairCommand({ KeyId: k.KeyId, KeyPairSpec: spec, EncryptionContext: ctx }));
      assert.deepEqual([out.KeyId, out.KeyPairSpec], [k.Arn, spec]);
      const pub = createPublicKey({ key: Buffer.from(out.PublicKey!), format: 'der', type: 'spki' });
      const priv = createPrivateKey({ key: Buffer.from(out.PrivateKeyPlaintext!), format: 'der', type: 'pkcs8' });
      assert.ok(createPublicKey(priv).export({ type: 'spki', format: 'der' }).equals(Buffer.from(out.PublicKey!)));
      const dec = await t.kms.send(new DecryptCommand({ CiphertextBlob: out.PrivateKeyCiphertextBlob, EncryptionContext: ctx }));
      assert.ok(Buffer.from(dec.Plaintext!).equals(Buffer.from(out.PrivateKeyPlaintext!)));
      const sig = sign('sha256', Buffer.from('m'), createPrivateKey({ key: Buffer.from(dec.Plaintext!), format: 'der', type: 'pkcs8' }));
      assert.ok(verify('sha256', Buffer.from('m'), pub, sig));
      const ev = await t.w.eventFor(out.$metadata.requestId!);
      assertKmsEvent(ev, 'GenerateDataKeyPair', true, k.Arn);
      assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, keyPairSpec: spec, encryptionContext: ctx });
      assert.equal(ev['responseElements'], null);
      assertNoSecrets(ev, out.PrivateKeyPlaintext!);
    });
  }

  it('without plaintext: only the encrypted private key and the public key', async () => {
    const k = await createKey(t.kms);
    const out = await t.kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: k.KeyId, KeyPairSpec: 'ECC_NIST_P256' }));
    assert.ok(!('PrivateKeyPlaintext' in out));
    const dec = await t.kms.send(new DecryptCommand({ CiphertextBlob: out.PrivateKeyCiphertextBlob }));
    const priv = createPrivateKey({ key: Buffer.from(dec.Plaintext!), format: 'der', type: 'pkcs8' });
    assert.ok(createPublicKey(priv).export({ type: 'spki', format: 'der' }).equals(Buffer.from(out.PublicKey!)));
    assertKmsEvent(await t.w.eventFor(out.$metadata.requestId!), 'GenerateDataKeyPairWithoutPlaintext', true, k.Arn);
  });

  it('refuses asymmetric KMS keys, SM2, bad specs and another account', async () => {
    const rsa = await createKey(t.kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    await rejects(t.kms.send(new GenerateDataKeyPairCommand({ KeyId: rsa.KeyId, KeyPairSpec: 'ECC_NIST_P256' })), 'InvalidKeyUsageException');
    const k = await createKey(t.kms);
    await rejects(t.kms.send(new GenerateDataKeyPairCommand({ KeyId: k.KeyId, KeyPairSpec: 'SM2' })), 'UnsupportedOperationException');
    await rejects(t.kms.send(new GenerateDataKeyPairCommand({ KeyId: k.KeyId, KeyPairSpec: 'RSA_1024' as never })), 'ValidationException', /at 'keyPairSpec' failed to satisfy constraint/);
    await rejects(t.kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId: k.KeyId, KeyPairSpec: 'ECC_NIST_P256', DryRun: true })), 'DryRunOperationException');
    await rejects(t.other.send(new GenerateDataKeyPairCommand({ KeyId: k.Arn, KeyPairSpec: 'ECC_NIST_P256' })), 'AccessDeniedException', /kms:GenerateDataKeyPair on resource/);
  });
});
