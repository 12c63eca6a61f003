import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CreateKeyCommand, DecryptCommand, DescribeKeyCommand, DisableKeyCommand, EnableKeyCommand, EncryptCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms EnableKey', () => {
  const t = useWarden();
  const state = async (id: string) => (await t.kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!.KeyState;

  it('re-enables a disabled key; ciphertexts made before still decrypt', async () => {
    const k = await createKey(t.kms);
    const { CiphertextBlob } = await t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('kept') }));
    await t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    const on = await t.kms.send(new EnableKeyCommand({ KeyId: k.Arn }));
    assert.equal(await state(k.KeyId), 'Enabled');
    await t.kms.send(new EnableKeyCommand({ KeyId: k.KeyId })); // already enabled: no error
    assert.equal(Buffer.from((await t.kms.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString(), 'kept');
    const ev = await t.w.eventFor(on.$metadata.requestId!);
    assertKmsEvent(ev, 'EnableKey', false, k.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: k.Arn });
    assert.equal(ev['responseElements'], null);
  });

  it('refuses keys pending deletion or import, and aliases, leaving them as they were', async () => {
    const doomed = await createKey(t.kms);
    await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: doomed.KeyId }));
    await rejects(t.kms.send(new EnableKeyCommand({ KeyId: doomed.KeyId })), 'KMSInvalidStateException', `${doomed.Arn} is pending deletion.`);
    assert.equal(await state(doomed.KeyId), 'PendingDeletion');
    const ext = (await t.kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!;
    await rejects(t.kms.send(new EnableKeyCommand({ KeyId: ext.KeyId })), 'KMSInvalidStateException', `${ext.Arn} is pending import.`);
    await rejects(t.kms.send(new EnableKeyCommand({ KeyId: 'alias/x' })), 'NotFoundException', "Invalid keyId 'alias/x'");
  });

  it("refuses another account's root", async () => {
    const k = await createKey(t.kms);
    await t.kms.send(new DisableKeyCommand({ KeyId: k.KeyId }));
    await rejects(t.other.send(new EnableKeyCommand({ KeyId: k.Arn })), 'AccessDeniedException', /kms:EnableKey on resource/);
    assert.equal(await state(k.KeyId), 'Disabled');
  });
});
