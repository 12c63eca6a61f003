import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { CreateAliasCommand, DecryptCommand, EncryptCommand } from '@aws-sdk/client-kms';
import { ACCOUNT, assertKmsEvent, assertNoSecrets, createKey, rejects, useWarden } from './helpers.js';

describe('kms Encrypt', () => {
  const t = useWarden();

  it('encrypts under a symmetric key named by id, ARN, alias or alias ARN', async () => {
    const k = await createKey(t.kms);
    await t.kms.send(new CreateAliasCommand({ AliasName: 'alias/enc', TargetKeyId: k.KeyId }));
    for (const KeyId of [k.KeyId, k.Arn, 'alias/enc', `arn:aws:kms:us-east-1:${ACCOUNT}:alias/enc`]) {
      const enc = await t.kms.send(new EncryptCommand({ KeyId, Plaintext: Buffer.from('hi') }));
      assert.deepEqual([enc.KeyId, enc.EncryptionAlgorithm], [k.Arn, 'SYMMETRIC_DEFAULT']);
      assert.equal(enc.CiphertextBlob!.length, 2 + 49);
      assert.equal(Buffer.from((await t.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }))).Plaintext!).toString(), 'hi');
    }
  });

  it('encrypts with RSA keys (RSAES-OAEP) within the padding limits LocalStack recorded against AWS', async () => {
    const rsa = await createKey(t.kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    for (const [EncryptionAlgorithm, max] of [['RSAES_OAEP_SHA_1', 214], ['RSAES_OAEP_SHA_256', 190]] as const) {
      const pt = randomBytes(max);
      const enc = await t.kms.send(new EncryptCommand({ KeyId: rsa.KeyId, Plaintext: pt, EncryptionAlgorithm }));
      assert.deepEqual([enc.CiphertextBlob!.length, enc.EncryptionAlgorithm], [256, EncryptionAlgorithm]);
      const dec = await t.kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob, KeyId: rsa.KeyId, EncryptionAlgorithm }));
      assert.deepEqual(Buffer.from(dec.Plaintext!), pt);
      await rejects(t.kms.send(new EncryptCommand({ KeyId: rsa.KeyId, Plaintext: randomBytes(max + 1), EncryptionAlgorithm })), 'ValidationException', `Algorithm ${EncryptionAlgorithm} and key spec RSA_2048 cannot encrypt data larger than ${max} bytes.`);
    }
    await rejects(t.kms.send(new EncryptCommand({ KeyId: rsa.KeyId, Plaintext: Buffer.from('x') })), 'InvalidKeyUsageException', 'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.');
  });

  it('refuses keys of the wrong usage and algorithms the key lacks', async () => {
    const k = await createKey(t.kms);
    const signing = await createKey(t.kms, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    // LocalStack's AWS recording.
    await rejects(t.kms.send(new EncryptCommand({ KeyId: signing.KeyId, Plaintext: Buffer.from('x') })), 'InvalidKeyUsageException', `${signing.Arn} key usage is SIGN_VERIFY which is not valid for Encrypt.`);
    await rejects(t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })), 'InvalidKeyUsageException', 'Algorithm RSAES_OAEP_SHA_256 is incompatible with key spec SYMMETRIC_DEFAULT.');
    const ext = await createKey(t.kms, { Origin: 'EXTERNAL' });
    await rejects(t.kms.send(new EncryptCommand({ KeyId: ext.KeyId, Plaintext: Buffer.from('x') })), 'KMSInvalidStateException', `${ext.Arn} is pending import.`);
  });

  it('validates the plaintext size with the generated text (LocalStack-recorded) and audits the failure', async () => {
    const k = await createKey(t.kms);
    const err = await rejects(t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.alloc(4097) })), 'ValidationException', "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096");
    const ev = await t.w.eventFor(err.$metadata.requestId);
    assert.equal(ev['errorCode'], 'ValidationException');
    assert.equal(ev['requestParameters'].keyId, k.KeyId);
    assertNoSecrets(ev, Buffer.alloc(4097));
  });

  it('audits as AWS does: key, context and algorithm logged, plaintext and ciphertext never', async () => {
    const k = await createKey(t.kms);
    const secret = randomBytes(32);
    const enc = await t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: secret, EncryptionContext: { Department: 'Engineering' } }));
    const ev = await t.w.eventFor(enc.$metadata.requestId!);
    assertKmsEvent(ev, 'Encrypt', true, k.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, encryptionContext: { Department: 'Engineering' }, encryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    assert.equal(ev['responseElements'], null);
    assertNoSecrets(ev, secret, enc.CiphertextBlob!);
  });

  it('answers DryRunOperationException once every check passed', async () => {
    const k = await createKey(t.kms);
    await rejects(t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('x'), DryRun: true })), 'DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');
    await rejects(t.kms.send(new EncryptCommand({ KeyId: 'alias/none', Plaintext: Buffer.from('x'), DryRun: true })), 'NotFoundException');
  });

  it("refuses another account's root with AccessDeniedException", async () => {
    const k = await createKey(t.kms);
    const err = await rejects(t.other.send(new EncryptCommand({ KeyId: k.Arn, Plaintext: Buffer.from('x') })), 'AccessDeniedException', new RegExp(`kms:Encrypt on resource: ${k.Arn}`));
    assert.equal((await t.w.eventFor(err.$metadata.requestId))['errorCode'], 'AccessDeniedException');
  });
});
