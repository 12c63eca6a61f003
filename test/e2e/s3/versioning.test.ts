import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectVersionsCommand, ListObjectsV2Command,
  PutBucketVersioningCommand, PutObjectCommand,
} from '@aws-sdk/client-s3';
import { rejects, useWarden } from './helpers.js';

const text = async (b: { transformToString(): Promise<string> } | undefined): Promise<string> => b!.transformToString();

describe('s3 versioning', () => {
  const t = useWarden();
  const B = 'versioned-bucket';

  it('keeps every version, reads by version id, hides a key behind a delete marker and brings it back', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: B }));
    await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'k', Body: 'before versioning' }));
    await t.s3.send(new PutBucketVersioningCommand({ Bucket: B, VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'k', Body: 'one' }));
    const v2 = await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'k', Body: 'two' }));
    assert.ok(v1.VersionId && v2.VersionId && v1.VersionId !== v2.VersionId);
    const cur = await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'k' }));
    assert.equal(await text(cur.Body), 'two');
    assert.equal(cur.VersionId, v2.VersionId);
    assert.equal(await text((await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'k', VersionId: v1.VersionId }))).Body), 'one');
    assert.equal(await text((await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'k', VersionId: 'null' }))).Body), 'before versioning');
    await rejects(t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'k', VersionId: 'nope' })), 'NoSuchVersion', 'The specified version does not exist.', 404);

    const del = await t.s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'k' }));
    assert.equal(del.DeleteMarker, true);
    assert.ok(del.VersionId);
    await rejects(t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'k' })), 'NoSuchKey');
    assert.equal((await t.s3.send(new ListObjectsV2Command({ Bucket: B }))).KeyCount, 0);
    const versions = await t.s3.send(new ListObjectVersionsCommand({ Bucket: B }));
    assert.deepEqual(versions.Versions!.map((v) => [v.VersionId, v.IsLatest]), [[v2.VersionId, false], [v1.VersionId, false], ['null', false]]);
    assert.deepEqual(versions.DeleteMarkers!.map((m) => [m.VersionId, m.IsLatest]), [[del.VersionId, true]]);

    // Removing the marker makes the newest version current again; removing a version is for good.
    await t.s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'k', VersionId: del.VersionId }));
    assert.equal(await text((await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'k' }))).Body), 'two');
    await t.s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'k', VersionId: v2.VersionId }));
    const head = await t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'k' }));
    assert.equal(head.VersionId, v1.VersionId);
    const ev = await t.w.lastEvent('DeleteObject');
    assert.equal(ev['eventCategory'], 'Data');
    assert.equal(ev['additionalEventData']['warden']['authorization'][0]['action'], 's3:DeleteObjectVersion');
  });

  it('Suspended writes the null version, replacing the previous null version', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'suspended-bucket' }));
    await t.s3.send(new PutBucketVersioningCommand({ Bucket: 'suspended-bucket', VersioningConfiguration: { Status: 'Enabled' } }));
    const kept = await t.s3.send(new PutObjectCommand({ Bucket: 'suspended-bucket', Key: 's', Body: 'kept' }));
    await t.s3.send(new PutBucketVersioningCommand({ Bucket: 'suspended-bucket', VersioningConfiguration: { Status: 'Suspended' } }));
    const n1 = await t.s3.send(new PutObjectCommand({ Bucket: 'suspended-bucket', Key: 's', Body: 'null 1' }));
    assert.equal(n1.VersionId, 'null');
    await t.s3.send(new PutObjectCommand({ Bucket: 'suspended-bucket', Key: 's', Body: 'null 2' }));
    const versions = await t.s3.send(new ListObjectVersionsCommand({ Bucket: 'suspended-bucket' }));
    assert.deepEqual(versions.Versions!.map((v) => v.VersionId), ['null', kept.VersionId]);
    assert.equal(await text((await t.s3.send(new GetObjectCommand({ Bucket: 'suspended-bucket', Key: 's' }))).Body), 'null 2');
  });
});
