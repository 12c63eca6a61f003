import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecryptCommand, DisableKeyCommand, GenerateDataKeyWithoutPlaintextCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms GenerateDataKeyWithoutPlaintext', () => {
  const t = useWarden();

  it('returns only the ciphertext of a new data key', async () => {
    const k = await createKey(t.kms);
    const out = await t.kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: k.KeyId, KeySpec: 'AES_256', EncryptionContext: { a: 'b' } }));
    assert.equal((out as { Plaintext?: unknown }).Plaintext, undefined);
    assert.deepEqual([out.KeyId, out.KeyMaterialId], [k.Arn, k.CurrentKeyMaterialId]);
    const back = await t.kms.send(new DecryptCommand({ CiphertextBlob: out.CiphertextBlob, EncryptionContext: { a: 'b' } }));
    assert.equal(back.Plaintext!.length, 32);
    const ev = await t.w.eventFor(out.$metadata.requestId!);
    assertKmsEvent(ev, 'GenerateDataKeyWithoutPlaintext', true, k.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, encryptionContext: { a: 'b' }, keySpec: 'AES_256' });
  });

  it('refuses a disabled key, a missing size and another account', async () => {
    const k = await createKey(t.kms);
    await rejects(t.kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: k.KeyId })), 'ValidationException', 'Please specify either number of bytes or key spec.');
    await rejects(t.kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: k.KeyId, KeySpec: 'AES_512' as never })), 'ValidationException', "1 validation error detected: Value 'AES_512' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]");
    await rejects(t.other.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: k.Arn, KeySpec: 'AES_256' })), 'AccessDeniedException', /kms:GenerateDataKeyWithoutPlaintext on resource/);
    await t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    await rejects(t.kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: k.KeyId, KeySpec: 'AES_256' })), 'DisabledException', `${k.Arn} is disabled.`);
  });
});
