import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, GetObjectCommand,
  ListMultipartUploadsCommand, ListPartsCommand, UploadPartCommand,
} from '@aws-sdk/client-s3';
import { rejects, useWarden } from './helpers.js';

const MiB = 1024 * 1024;
const md5 = (b: Buffer): Buffer => createHash('md5').update(b).digest();

describe('s3 multipart uploads', () => {
  const t = useWarden();
  const B = 'mpu-bucket';

  it('Create, UploadPart ×2, ListParts, Complete; the object reads back whole, ETag is MD5-of-MD5s-N', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: B }));
    const { UploadId } = await t.s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'big.bin', ContentType: 'application/x-big', Metadata: { m: '1' } }));
    assert.ok(UploadId);
    const p1 = randomBytes(5 * MiB);
    const p2 = randomBytes(1234);
    const u1 = await t.s3.send(new UploadPartCommand({ Bucket: B, Key: 'big.bin', UploadId, PartNumber: 1, Body: p1 }));
    const u2 = await t.s3.send(new UploadPartCommand({ Bucket: B, Key: 'big.bin', UploadId, PartNumber: 2, Body: p2 }));
    assert.equal(u1.ETag, `"${md5(p1).toString('hex')}"`);
    assert.equal(u1.ServerSideEncryption, 'AES256');
    const parts = await t.s3.send(new ListPartsCommand({ Bucket: B, Key: 'big.bin', UploadId }));
    assert.deepEqual(parts.Parts!.map((p) => [p.PartNumber, p.Size]), [[1, 5 * MiB], [2, 1234]]);
    await rejects(t.s3.send(new CompleteMultipartUploadCommand({ Bucket: B, Key: 'big.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 2, ETag: u2.ETag }, { PartNumber: 1, ETag: u1.ETag }] } })), 'InvalidPartOrder', undefined, 400);
    await rejects(t.s3.send(new CompleteMultipartUploadCommand({ Bucket: B, Key: 'big.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"00"' }] } })), 'InvalidPart', undefined, 400);
    const done = await t.s3.send(new CompleteMultipartUploadCommand({ Bucket: B, Key: 'big.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: u1.ETag }, { PartNumber: 2, ETag: u2.ETag }] } }));
    assert.equal(done.ETag, `"${createHash('md5').update(Buffer.concat([md5(p1), md5(p2)])).digest('hex')}-2"`);
    const got = await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'big.bin' }));
    assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat([p1, p2])));
    assert.equal(got.ContentType, 'application/x-big');
    assert.deepEqual(got.Metadata, { m: '1' });
    const ranged = await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'big.bin', Range: `bytes=${5 * MiB - 2}-${5 * MiB + 1}` }));
    assert.ok(Buffer.from(await ranged.Body!.transformToByteArray()).equals(Buffer.concat([p1, p2]).subarray(5 * MiB - 2, 5 * MiB + 2)));
    await rejects(t.s3.send(new ListPartsCommand({ Bucket: B, Key: 'big.bin', UploadId })), 'NoSuchUpload', /The specified upload does not exist/, 404);
    const ev = await t.w.lastEvent('CompleteMultipartUpload');
    assert.equal(ev['eventCategory'], 'Data');
  });

  it('small non-final parts are EntityTooSmall; Abort removes the upload', async () => {
    const { UploadId } = await t.s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'small', ServerSideEncryption: 'aws:kms' }));
    const a = await t.s3.send(new UploadPartCommand({ Bucket: B, Key: 'small', UploadId, PartNumber: 1, Body: 'a' }));
    assert.equal(a.ServerSideEncryption, 'aws:kms');
    const b = await t.s3.send(new UploadPartCommand({ Bucket: B, Key: 'small', UploadId, PartNumber: 2, Body: 'b' }));
    await rejects(t.s3.send(new CompleteMultipartUploadCommand({ Bucket: B, Key: 'small', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: a.ETag }, { PartNumber: 2, ETag: b.ETag }] } })),
      'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', 400);
    const single = await t.s3.send(new CompleteMultipartUploadCommand({ Bucket: B, Key: 'small', UploadId, MultipartUpload: { Parts: [{ PartNumber: 2, ETag: b.ETag }] } }));
    assert.equal(single.ServerSideEncryption, 'aws:kms');
    assert.equal(await (await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'small' }))).Body!.transformToString(), 'b');
    const second = await t.s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'aborted' }));
    const listed = await t.s3.send(new ListMultipartUploadsCommand({ Bucket: B }));
    assert.deepEqual(listed.Uploads!.map((u) => [u.Key, u.UploadId]), [['aborted', second.UploadId]]);
    await t.s3.send(new UploadPartCommand({ Bucket: B, Key: 'aborted', UploadId: second.UploadId, PartNumber: 1, Body: 'x' }));
    await t.s3.send(new AbortMultipartUploadCommand({ Bucket: B, Key: 'aborted', UploadId: second.UploadId }));
    await rejects(t.s3.send(new UploadPartCommand({ Bucket: B, Key: 'aborted', UploadId: second.UploadId, PartNumber: 2, Body: 'y' })), 'NoSuchUpload', undefined, 404);
    await rejects(t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'aborted' })), 'NoSuchKey');
    assert.equal((await t.s3.send(new ListMultipartUploadsCommand({ Bucket: B }))).Uploads, undefined);
    await rejects(t.s3.send(new UploadPartCommand({ Bucket: B, Key: 'small', UploadId: 'nope', PartNumber: 1, Body: 'y' })), 'NoSuchUpload');
  });
});
