import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelKeyDeletionCommand, DescribeKeyCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms CancelKeyDeletion', () => {
  const t = useWarden();
  const meta = async (id: string) => (await t.kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!;

  it('returns a key pending deletion to Disabled, not Enabled', async () => {
    const k = await createKey(t.kms);
    await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId }));
    const c = await t.kms.send(new CancelKeyDeletionCommand({ KeyId: k.KeyId }));
    assert.equal(c.KeyId, k.Arn);
    const m = await meta(k.KeyId);
    assert.deepEqual([m.KeyState, m.Enabled, m.DeletionDate, m.PendingDeletionWindowInDays], ['Disabled', false, undefined, undefined]);
    const ev = await t.w.eventFor(c.$metadata.requestId!);
    assertKmsEvent(ev, 'CancelKeyDeletion', false, k.Arn);
    assert.deepEqual(ev['responseElements'], { keyId: k.Arn });
  });

  it('returns a key still waiting for imported material to PendingImport', async () => {
    const k = await createKey(t.kms, { Origin: 'EXTERNAL' });
    await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId }));
    await t.kms.send(new CancelKeyDeletionCommand({ KeyId: k.KeyId }));
    assert.equal((await meta(k.KeyId)).KeyState, 'PendingImport');
  });

  it('refuses a key that is not pending deletion', async () => {
    const k = await createKey(t.kms);
    await rejects(t.kms.send(new CancelKeyDeletionCommand({ KeyId: k.KeyId })), 'KMSInvalidStateException', `${k.Arn} is not pending deletion.`);
    assert.equal((await meta(k.KeyId)).KeyState, 'Enabled');
  });

  it("refuses another account's root and keeps the deletion scheduled", async () => {
    const k = await createKey(t.kms);
    await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId }));
    await rejects(t.other.send(new CancelKeyDeletionCommand({ KeyId: k.Arn })), 'AccessDeniedException', /kms:CancelKeyDeletion on resource/);
    assert.equal((await meta(k.KeyId)).KeyState, 'PendingDeletion');
  });
});
