import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ListResourceTagsCommand, ScheduleKeyDeletionCommand, UntagResourceCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms UntagResource', () => {
  const t = useWarden();
  const tags = async (KeyId: string) => (await t.kms.send(new ListResourceTagsCommand({ KeyId }))).Tags;

  it('removes tags by key; keys the key does not have are ignored', async () => {
    const k = await createKey(t.kms, { Tags: [{ TagKey: 'tag1', TagValue: 'v1' }, { TagKey: 'tag2', TagValue: 'v2' }, { TagKey: 'tag3', TagValue: 'v3' }] });
    const out = await t.kms.send(new UntagResourceCommand({ KeyId: k.KeyId, TagKeys: ['tag2', 'never-there'] }));
    assert.deepEqual(await tags(k.KeyId), [{ TagKey: 'tag1', TagValue: 'v1' }, { TagKey: 'tag3', TagValue: 'v3' }]);
    const ev = await t.w.eventFor(out.$metadata.requestId!);
    assertKmsEvent(ev, 'UntagResource', false, k.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, tagKeys: ['tag2', 'never-there'] });
  });

  it('refuses a key pending deletion and another account, changing nothing', async () => {
    const k = await createKey(t.kms, { Tags: [{ TagKey: 'keep', TagValue: 'me' }] });
    await rejects(t.other.send(new UntagResourceCommand({ KeyId: k.Arn, TagKeys: ['keep'] })), 'AccessDeniedException', /kms:UntagResource on resource/);
    await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId }));
    await rejects(t.kms.send(new UntagResourceCommand({ KeyId: k.KeyId, TagKeys: ['keep'] })), 'KMSInvalidStateException', `${k.Arn} is pending deletion.`);
    assert.deepEqual(await tags(k.KeyId), [{ TagKey: 'keep', TagValue: 'me' }]);
  });
});
