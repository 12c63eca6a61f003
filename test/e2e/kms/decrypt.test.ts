import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, assertNoSecrets, createKey, rejects, useWarden } from './helpers.js';

describe('kms Decrypt', () => {
  const t = useWarden();

  it('decrypts without a KeyId and binds the encryption context exactly', async () => {
    const k = await createKey(t.kms);
    const enc = await t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('hi'), EncryptionContext: { Department: 'Engineering', Project: 'Alpha' } }));
    const dec = await t.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { Project: 'Alpha', Department: 'Engineering' } }));
    assert.deepEqual([Buffer.from(dec.Plaintext!).toString(), dec.KeyId, dec.EncryptionAlgorithm], ['hi', k.Arn, 'SYMMETRIC_DEFAULT']);
    assert.equal(dec.KeyMaterialId, k.CurrentKeyMaterialId);
    // Missing, partial or differently-cased context: no message (LocalStack's recording).
    for (const ctx of [undefined, { Department: 'Engineering' }, { Department: 'engineering', Project: 'Alpha' }] as (Record<string, string> | undefined)[]) {
      await rejects(t.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, ...(ctx ? { EncryptionContext: ctx } : {}) })), 'InvalidCiphertextException');
    }
  });

  it('checks a KeyId given against the ciphertext: IncorrectKeyException for another key', async () => {
    const k = await createKey(t.kms);
    const enc = await t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('x') }));
    assert.equal(Buffer.from((await t.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: k.Arn }))).Plaintext!).toString(), 'x');
    const other = await createKey(t.kms);
    // LocalStack's AWS recording.
    await rejects(t.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: other.KeyId })), 'IncorrectKeyException', 'The key ID in the request does not identify a CMK that can perform this operation.');
  });

  it('refuses tampered and foreign ciphertexts with InvalidCiphertextException', async () => {
    const k = await createKey(t.kms);
    const blob = Buffer.from((await t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('tamper me') }))).CiphertextBlob!);
    for (const at of [19, 25, blob.length - 1]) {
      const tampered = Buffer.from(blob);
      tampered[at]! ^= 0x01;
      await rejects(t.kms.send(new DecryptCommand({ CiphertextBlob: tampered })), 'InvalidCiphertextException');
    }
    // Random bytes whose first byte is no blob format Warden writes (1 and 2 name a key: below).
    const noise = randomBytes(80);
    noise[0] = 0xff;
    await rejects(t.kms.send(new DecryptCommand({ CiphertextBlob: noise })), 'InvalidCiphertextException');
    await rejects(t.kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from('short') })), 'InvalidCiphertextException');
    await rejects(t.kms.send(new DecryptCommand({ CiphertextBlob: Buffer.alloc(6145) })), 'ValidationException', /at 'ciphertextBlob' failed to satisfy constraint: Member must have length less than or equal to 6144$/);
    const rsa = await createKey(t.kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    await rejects(t.kms.send(new DecryptCommand({ CiphertextBlob: randomBytes(256), KeyId: rsa.KeyId, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })), 'InvalidCiphertextException');
  });

  it('a ciphertext naming a key that does not exist: AccessDeniedException with AWS\'s text', async () => {
    const k = await createKey(t.kms);
    const blob = Buffer.from((await t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('x') }))).CiphertextBlob!);
    randomBytes(16).copy(blob, 1); // another key id in the header
    await rejects(
      t.kms.send(new DecryptCommand({ CiphertextBlob: blob })),
      'AccessDeniedException',
      'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
    );
  });

  it('audits with the algorithm always set, never the plaintext or ciphertext', async () => {
    const k = await createKey(t.kms);
    const secret = randomBytes(24);
    const enc = await t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: secret, EncryptionContext: { a: 'b' } }));
    const dec = await t.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, EncryptionContext: { a: 'b' } }));
    const ev = await t.w.eventFor(dec.$metadata.requestId!);
    assertKmsEvent(ev, 'Decrypt', true, k.Arn);
    assert.deepEqual(ev['requestParameters'], { encryptionContext: { a: 'b' }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    assert.equal(ev['responseElements'], null);
    assertNoSecrets(ev, secret, enc.CiphertextBlob!);
  });

  it("refuses another account's root with AccessDeniedException", async () => {
    const k = await createKey(t.kms);
    const enc = await t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('x') }));
    const err = await rejects(t.other.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: k.Arn })), 'AccessDeniedException', /kms:Decrypt on resource/);
    const ev = await t.w.eventFor(err.$metadata.requestId);
    assert.deepEqual([ev['errorCode'], ev['userIdentity'].accountId], ['AccessDeniedException', '111122223333']);
  });
});
