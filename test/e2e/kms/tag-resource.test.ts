import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ListResourceTagsCommand, ScheduleKeyDeletionCommand, TagResourceCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms TagResource', () => {
  const t = useWarden();
  const tags = async (KeyId: string) => (await t.kms.send(new ListResourceTagsCommand({ KeyId }))).Tags;

  it('adds tags and replaces the values of existing keys', async () => {
    const k = await createKey(t.kms, { Tags: [{ TagKey: 'tag1', TagValue: 'value1' }, { TagKey: 'tag2', TagValue: 'value2' }] });
    const out = await t.kms.send(new TagResourceCommand({ KeyId: k.KeyId, Tags: [{ TagKey: 'tag2', TagValue: 'updated' }, { TagKey: 'tag3', TagValue: '' }] }));
    assert.deepEqual(await tags(k.KeyId), [{ TagKey: 'tag1', TagValue: 'value1' }, { TagKey: 'tag2', TagValue: 'updated' }, { TagKey: 'tag3', TagValue: '' }]);
    const ev = await t.w.eventFor(out.$metadata.requestId!);
    assertKmsEvent(ev, 'TagResource', false, k.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId, tags: [{ tagKey: 'tag2', tagValue: 'updated' }, { tagKey: 'tag3', tagValue: '' }] });
  });

  it('refuses reserved, duplicate, over-long and too many tags, and keys pending deletion, changing nothing', async () => {
    const k = await createKey(t.kms, { Tags: [{ TagKey: 'keep', TagValue: 'me' }] });
    await rejects(t.kms.send(new TagResourceCommand({ KeyId: k.KeyId, Tags: [{ TagKey: 'aws:key1', TagValue: 'v' }] })), 'TagException', 'Tags beginning with aws: are reserved');
    await rejects(t.kms.send(new TagResourceCommand({ KeyId: k.KeyId, Tags: [{ TagKey: 'a', TagValue: '1' }, { TagKey: 'a', TagValue: '2' }] })), 'TagException', 'Duplicate tag keys');
    await rejects(t.kms.send(new TagResourceCommand({ KeyId: k.KeyId, Tags: Array.from({ length: 50 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' })) })), 'TagException', 'Too many tags');
    await rejects(t.kms.send(new TagResourceCommand({ KeyId: k.KeyId, Tags: [{ TagKey: 'k'.repeat(129), TagValue: 'v' }] })), 'ValidationException', /at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128$/);
    await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId }));
    await rejects(t.kms.send(new TagResourceCommand({ KeyId: k.KeyId, Tags: [{ TagKey: 'x', TagValue: 'y' }] })), 'KMSInvalidStateException', `${k.Arn} is pending deletion.`);
    assert.deepEqual(await tags(k.KeyId), [{ TagKey: 'keep', TagValue: 'me' }]);
  });

  it("refuses another account's root", async () => {
    const k = await createKey(t.kms);
    await rejects(t.other.send(new TagResourceCommand({ KeyId: k.Arn, Tags: [{ TagKey: 'x', TagValue: 'y' }] })), 'AccessDeniedException', /kms:TagResource on resource/);
    assert.deepEqual(await tags(k.KeyId), []);
  });
});
