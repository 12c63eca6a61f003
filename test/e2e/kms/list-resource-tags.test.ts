import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ListResourceTagsCommand } from '@aws-sdk/client-kms';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

describe('kms ListResourceTags', () => {
  const t = useWarden();

  it('lists tags in key order, paged with Limit and Marker', async () => {
    const k = await createKey(t.kms, { Tags: [{ TagKey: 'b', TagValue: '2' }, { TagKey: 'a', TagValue: '1' }, { TagKey: 'c', TagValue: '3' }] });
    const page = await t.kms.send(new ListResourceTagsCommand({ KeyId: k.KeyId, Limit: 2 }));
    assert.deepEqual([page.Tags, page.Truncated, page.NextMarker], [[{ TagKey: 'a', TagValue: '1' }, { TagKey: 'b', TagValue: '2' }], true, 'b']);
    const rest = await t.kms.send(new ListResourceTagsCommand({ KeyId: k.KeyId, Marker: page.NextMarker! }));
    assert.deepEqual([rest.Tags, rest.Truncated], [[{ TagKey: 'c', TagValue: '3' }], false]);
    assertKmsEvent(await t.w.eventFor(page.$metadata.requestId!), 'ListResourceTags', true, k.Arn);
  });

  it('refuses unknown keys and another account', async () => {
    const k = await createKey(t.kms);
    await rejects(t.kms.send(new ListResourceTagsCommand({ KeyId: 'nope' })), 'NotFoundException', "Invalid keyId 'nope'");
    await rejects(t.other.send(new ListResourceTagsCommand({ KeyId: k.Arn })), 'AccessDeniedException', /kms:ListResourceTags on resource/);
  });
});
