import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { DecryptCommand, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, assertNoSecrets, createKey, rejects, useWarden } from './helpers.js';

describe('kms GenerateDataKey', () => {
  const t = useWarden();

  it('returns a data key of KeySpec or NumberOfBytes and its ciphertext; audits without the key', async () => {
    const k = await createKey(t.kms);
    for (const [input, bytes, logged] of [[{ KeySpec: 'AES_256' }, 32, { keySpec: 'AES_256' }], [{ KeySpec: 'AES_128' }, 16, { keySpec: 'AES_128' }], [{ NumberOfBytes: 1 }, 1, { numberOfBytes: 1 }], [{ NumberOfBytes: 1024 }, 1024, { numberOfBytes: 1024 }]] as const) {
      const out = await t.kms.send(new GenerateDataKeyCommand({ KeyId: k.KeyId, EncryptionContext: { use: 'envelope' }, ...input }));
      assert.deepEqual([out.Plaintext!.length, out.KeyId, out.KeyMaterialId], [bytes, k.Arn, k.CurrentKeyMaterialId]);
      const back = await t.kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: { use: 'envelope' } }));
      assert.deepEqual(Buffer.from(back.Plaintext!), Buffer.from(out.Plaintext!));
      const ev = await t.w.eventFor(out.$metadata.requestId!);
      assertKmsEvent(ev, 'GenerateDataKey', true, k.Arn);
      assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, encryptionContext: { use: 'envelope' }, ...logged });
      assertNoSecrets(ev, out.Plaintext!, out.CiphertextBlob!);
    }
  });

  it('gives a key that works for local AES-GCM envelope encryption', async () => {
    const k = await createKey(t.kms);
    const { Plaintext, CiphertextBlob } = await t.kms.send(new GenerateDataKeyCommand({ KeyId: k.KeyId, KeySpec: 'AES_256' }));
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', Plaintext!, iv);
    const sealed = Buffer.concat([c.update('document'), c.final()]);
    const tag = c.getAuthTag();
    const dataKey = (await t.kms.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!;
    const d = createDecipheriv('aes-256-gcm', dataKey, iv);
    d.setAuthTag(tag);
    assert.equal(Buffer.concat([d.update(sealed), d.final()]).toString(), 'document');
  });

  it('needs exactly one of KeySpec and NumberOfBytes, within range, and a symmetric key', async () => {
    const k = await createKey(t.kms);
    await rejects(t.kms.send(new GenerateDataKeyCommand({ KeyId: k.KeyId })), 'ValidationException', 'Please specify either number of bytes or key spec.');
    await rejects(t.kms.send(new GenerateDataKeyCommand({ KeyId: k.KeyId, KeySpec: 'AES_256', NumberOfBytes: 32 })), 'ValidationException', 'Please specify either number of bytes or key spec.');
    await rejects(t.kms.send(new GenerateDataKeyCommand({ KeyId: k.KeyId, NumberOfBytes: 1025 })), 'ValidationException', "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024");
    const rsa = await createKey(t.kms, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    await rejects(t.kms.send(new GenerateDataKeyCommand({ KeyId: rsa.KeyId, KeySpec: 'AES_256' })), 'InvalidKeyUsageException', 'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.');
  });

  it("refuses another account's root", async () => {
    const k = await createKey(t.kms);
    await rejects(t.other.send(new GenerateDataKeyCommand({ KeyId: k.Arn, KeySpec: 'AES_256' })), 'AccessDeniedException', /kms:GenerateDataKey on resource/);
  });
});
