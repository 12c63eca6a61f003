import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecryptCommand, DescribeKeyCommand, DisableKeyCommand, EncryptCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms DisableKey', () => {
  const t = useWarden();
  const meta = async (id: string) => (await t.kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!;

  it('disables a key, which then refuses crypto with DisabledException', async () => {
    const k = await createKey(t.kms);
    const { CiphertextBlob } = await t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('x') }));
    const off = await t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    const m = await meta(k.KeyId);
    assert.deepEqual([m.KeyState, m.Enabled], ['Disabled', false]);
    await t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId })); // idempotent
    await rejects(t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('x') })), 'DisabledException', `${k.Arn} is disabled.`);
    await rejects(t.kms.send(new DecryptCommand({ CiphertextBlob })), 'DisabledException', `${k.Arn} is disabled.`);
    const ev = await t.w.eventFor(off.$metadata.requestId!);
    assertKmsEvent(ev, 'DisableKey', false, k.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId });
  });

  it('refuses a key pending deletion and unknown keys', async () => {
    const k = await createKey(t.kms);
    await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId }));
    await rejects(t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId })), 'KMSInvalidStateException', `${k.Arn} is pending deletion.`);
    assert.equal((await meta(k.KeyId)).KeyState, 'PendingDeletion');
    await rejects(t.kms.send(new DisableKeyCommand({ KeyId: 'not-a-key' })), 'NotFoundException', "Invalid keyId 'not-a-key'");
  });

  it("refuses another account's root and leaves the key enabled", async () => {
    const k = await createKey(t.kms);
    await rejects(t.other.send(new DisableKeyCommand({ KeyId: k.Arn })), 'AccessDeniedException', /kms:DisableKey on resource/);
    assert.equal((await meta(k.KeyId)).KeyState, 'Enabled');
  });
});
