import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecryptCommand, DisableKeyCommand, EncryptCommand, ReEncryptCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, assertNoSecrets, createKey, rejects, useWarden } from './helpers.js';

describe('kms ReEncrypt', () => {
  const t = useWarden();

  it('moves a ciphertext to another key and context, authorizing ReEncryptFrom and ReEncryptTo', async () => {
    const a = await createKey(t.kms);
    const b = await createKey(t.kms);
    const enc = await t.kms.send(new EncryptCommand({ KeyId: a.KeyId, Plaintext: Buffer.from('moving'), EncryptionContext: { from: 'a' } }));
    const re = await t.kms.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, SourceEncryptionContext: { from: 'a' }, DestinationKeyId: b.KeyId, DestinationEncryptionContext: { to: 'b' } }));
    assert.deepEqual([re.SourceKeyId, re.KeyId, re.SourceEncryptionAlgorithm, re.DestinationEncryptionAlgorithm], [a.Arn, b.Arn, 'SYMMETRIC_DEFAULT', 'SYMMETRIC_DEFAULT']);
    assert.deepEqual([re.SourceKeyMaterialId, re.DestinationKeyMaterialId], [a.CurrentKeyMaterialId, b.CurrentKeyMaterialId]);
    const dec = await t.kms.send(new DecryptCommand({ CiphertextBlob: re.CiphertextBlob, EncryptionContext: { to: 'b' } }));
    assert.deepEqual([Buffer.from(dec.Plaintext!).toString(), dec.KeyId], ['moving', b.Arn]);
    const ev = await t.w.eventFor(re.$metadata.requestId!);
    assertKmsEvent(ev, 'ReEncrypt', true);
    assert.deepEqual(ev['resources'].map((r: any) => r.ARN), [a.Arn, b.Arn]);
    assert.deepEqual(ev['additionalEventData'].warden.authorization.map((d: any) => d.action), ['kms:ReEncryptFrom', 'kms:ReEncryptTo']);
    assert.deepEqual(ev['requestParameters'], {
      sourceEncryptionContext: { from: 'a' }, destinationKeyId: b.KeyId, destinationEncryptionContext: { to: 'b' }, sourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT', destinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    });
    assertNoSecrets(ev, Buffer.from('moving'), enc.CiphertextBlob!, re.CiphertextBlob!);
  });

  it('refuses a wrong source context, a wrong SourceKeyId and a disabled destination', async () => {
    const a = await createKey(t.kms);
    const b = await createKey(t.kms);
    const enc = await t.kms.send(new EncryptCommand({ KeyId: a.KeyId, Plaintext: Buffer.from('x'), EncryptionContext: { k: 'v' } }));
    await rejects(t.kms.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, DestinationKeyId: b.KeyId })), 'InvalidCiphertextException');
    await rejects(t.kms.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, SourceEncryptionContext: { k: 'v' }, SourceKeyId: b.KeyId, DestinationKeyId: b.KeyId })), 'IncorrectKeyException');
    await t.kms.send(new DisableKeyCommand({ KeyId: b.KeyId }));
    await rejects(t.kms.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, SourceEncryptionContext: { k: 'v' }, DestinationKeyId: b.KeyId })), 'DisabledException', `${b.Arn} is disabled.`);
    await rejects(t.kms.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, SourceEncryptionContext: { k: 'v' }, DestinationKeyId: 'nope' })), 'NotFoundException', "Invalid keyId 'nope'");
  });

  it("refuses another account's root", async () => {
    const a = await createKey(t.kms);
    const enc = await t.kms.send(new EncryptCommand({ KeyId: a.KeyId, Plaintext: Buffer.from('x') }));
    await rejects(t.other.send(new ReEncryptCommand({ CiphertextBlob: enc.CiphertextBlob, SourceKeyId: a.Arn, DestinationKeyId: a.Arn })), 'AccessDeniedException', /kms:ReEncryptFrom on resource/);
  });
});
