import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeKeyCommand, ScheduleKeyDeletionCommand, UpdateKeyDescriptionCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms UpdateKeyDescription', () => {
  const t = useWarden();
  const description = async (id: string) => (await t.kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!.Description;

  it('replaces the description and audits it', async () => {
    const k = await createKey(t.kms, { Description: 'old' });
    const out = await t.kms.send(new UpdateKeyDescriptionCommand({ KeyId: k.KeyId, Description: 'new words' }));
    assert.equal(await description(k.KeyId), 'new words');
    const ev = await t.w.eventFor(out.$metadata.requestId!);
    assertKmsEvent(ev, 'UpdateKeyDescription', false, k.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, description: 'new words' });
  });

  it('refuses an over-long description and a key pending deletion, keeping the old text', async () => {
    const k = await createKey(t.kms, { Description: 'keep' });
    await rejects(t.kms.send(new UpdateKeyDescriptionCommand({ KeyId: k.KeyId, Description: 'x'.repeat(8193) })), 'ValidationException', /at 'description' failed to satisfy constraint: Member must have length less than or equal to 8192$/);
    await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId }));
    await rejects(t.kms.send(new UpdateKeyDescriptionCommand({ KeyId: k.KeyId, Description: 'late' })), 'KMSInvalidStateException', `${k.Arn} is pending deletion.`);
    assert.equal(await description(k.KeyId), 'keep');
  });

  it("refuses another account's root", async () => {
    const k = await createKey(t.kms, { Description: 'mine' });
    await rejects(t.other.send(new UpdateKeyDescriptionCommand({ KeyId: k.Arn, Description: 'theirs' })), 'AccessDeniedException', /kms:UpdateKeyDescription on resource/);
    assert.equal(await description(k.KeyId), 'mine');
  });
});
