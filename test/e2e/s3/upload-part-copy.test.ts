import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import {
  CompleteMultipartUploadCommand, CopyObjectCommand, CreateBucketCommand, CreateMultipartUploadCommand, GetObjectCommand, ListPartsCommand, PutBucketVersioningCommand,
  PutObjectCommand, S3Client, UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, rawS3, rejects, useWarden, userClient } from './helpers.js';

const MiB = 1024 * 1024;
const md5Hex = (b: Buffer): string => createHash('md5').update(b).digest('hex');
const bytes = async (b: unknown): Promise<Buffer> => Buffer.from(await (b as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
const RANGE_FORM = 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy';

describe('s3 UploadPartCopy', () => {
  const t = useWarden();
  const B = 'upc-bucket';
  const S = 'upc-source';
  const big = randomBytes(6 * MiB + 100);
  const small = Buffer.from('0123456789abcdef');

  it('copies a whole object and a byte range into parts; the completed object is their concatenation', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: B }));
    await t.s3.send(new CreateBucketCommand({ Bucket: S }));
    await t.s3.send(new PutObjectCommand({ Bucket: S, Key: 'big.bin', Body: big }));
    await t.s3.send(new PutObjectCommand({ Bucket: S, Key: 'dir/small text.txt', Body: small, ChecksumAlgorithm: 'SHA256' }));
    const { UploadId } = await t.s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'joined.bin' }));
    const before = Date.now();
    const p1 = await t.s3.send(new UploadPartCopyCommand({ Bucket: B, Key: 'joined.bin', UploadId, PartNumber: 1, CopySource: `${S}/big.bin`, CopySourceRange: `bytes=0-${5 * MiB}` }));
    const first = big.subarray(0, 5 * MiB + 1);
    assert.equal(p1.CopyPartResult!.ETag, `"${md5Hex(first)}"`);
    assert.ok(p1.CopyPartResult!.LastModified instanceof Date && p1.CopyPartResult!.LastModified.getTime() >= before - 1000);
    assert.equal(p1.ServerSideEncryption, 'AES256');
    assert.equal(p1.CopyPartResult!.ChecksumSHA256, undefined);
    // A whole object, without a range.
    const p2 = await t.s3.send(new UploadPartCopyCommand({ Bucket: B, Key: 'joined.bin', UploadId, PartNumber: 2, CopySource: `${S}/big.bin` }));
    assert.equal(p2.CopyPartResult!.ETag, `"${md5Hex(big)}"`);
    // A URL-encoded source key; the source has a SHA-256, so the part gets one of its bytes.
    const p3 = await t.s3.send(new UploadPartCopyCommand({ Bucket: B, Key: 'joined.bin', UploadId, PartNumber: 3, CopySource: `${S}/dir/small%20text.txt`, CopySourceRange: 'bytes=2-5' }));
    assert.equal(p3.CopyPartResult!.ETag, `"${md5Hex(small.subarray(2, 6))}"`);
    assert.equal(p3.CopyPartResult!.ChecksumSHA256, createHash('sha256').update(small.subarray(2, 6)).digest('base64'));
    const parts = await t.s3.send(new ListPartsCommand({ Bucket: B, Key: 'joined.bin', UploadId }));
    assert.deepEqual(parts.Parts!.map((p) => [p.PartNumber, p.Size, p.ETag]), [[1, 5 * MiB + 1, p1.CopyPartResult!.ETag], [2, big.length, p2.CopyPartResult!.ETag], [3, 4, p3.CopyPartResult!.ETag]]);
    await t.s3.send(new CompleteMultipartUploadCommand({
      Bucket: B, Key: 'joined.bin', UploadId,
      MultipartUpload: { Parts: [p1, p2, p3].map((p, i) => ({ PartNumber: i + 1, ETag: p.CopyPartResult!.ETag })) },
    }));
    const got = await bytes((await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'joined.bin' }))).Body);
    assert.ok(got.equals(Buffer.concat([first, big, small.subarray(2, 6)])));
    // The audit event: a data event naming both objects, with the copy source.
    const ev = await t.w.lastEvent('UploadPartCopy');
    assert.equal(ev['eventCategory'], 'Data');
    assert.equal(ev['readOnly'], false);
    assert.deepEqual(ev['requestParameters'], {
      bucketName: B, key: 'joined.bin', partNumber: '3', uploadId: UploadId, 'x-amz-copy-source': `${S}/dir/small%20text.txt`, 'x-amz-copy-source-range': 'bytes=2-5',
    });
    const arns = (ev['resources'] as { ARN: string }[]).map((r) => r.ARN);
    assert.ok(arns.includes(`arn:aws:s3:::${B}/joined.bin`) && arns.includes(`arn:aws:s3:::${S}/dir/small text.txt`), JSON.stringify(arns));
  });

  it('copies a given version (x-amz-copy-source ?versionId=) and answers CopySourceVersionId', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'upc-versions' }));
    await t.s3.send(new PutBucketVersioningCommand({ Bucket: 'upc-versions', VersioningConfiguration: { Status: 'Enabled' } }));
    const v1 = await t.s3.send(new PutObjectCommand({ Bucket: 'upc-versions', Key: 'v', Body: 'first version' }));
    const v2 = await t.s3.send(new PutObjectCommand({ Bucket: 'upc-versions', Key: 'v', Body: 'second version' }));
    const { UploadId } = await t.s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'versioned.bin' }));
    const old = await t.s3.send(new UploadPartCopyCommand({ Bucket: B, Key: 'versioned.bin', UploadId, PartNumber: 1, CopySource: `upc-versions/v?versionId=${v1.VersionId}` }));
    assert.equal(old.CopySourceVersionId, v1.VersionId);
    assert.equal(old.CopyPartResult!.ETag, `"${md5Hex(Buffer.from('first version'))}"`);
    const cur = await t.s3.send(new UploadPartCopyCommand({ Bucket: B, Key: 'versioned.bin', UploadId, PartNumber: 2, CopySource: 'upc-versions/v' }));
    assert.equal(cur.CopySourceVersionId, v2.VersionId);
    assert.equal(cur.CopyPartResult!.ETag, `"${md5Hex(Buffer.from('second version'))}"`);
    await t.s3.send(new CompleteMultipartUploadCommand({ Bucket: B, Key: 'versioned.bin', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: old.CopyPartResult!.ETag }] } }));
    assert.equal((await (await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'versioned.bin' }))).Body!.transformToString()), 'first version');
  });

  it('refuses malformed and out-of-bounds ranges as S3 does; the part is not written', async () => {
    const { UploadId } = await t.s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'ranges.bin' }));
    for (const range of ['0-3', 'bytes=3', 'bytes=-3', 'bytes=2-', 'bytes=a-b', 'bytes=0-1,3-4', 'bytes=5-2']) {
      const e = await rejects(t.s3.send(new UploadPartCopyCommand({ Bucket: B, Key: 'ranges.bin', UploadId, PartNumber: 1, CopySource: `${S}/dir/small text.txt`, CopySourceRange: range })), 'InvalidArgument', RANGE_FORM, 400);
      assert.equal(e.ArgumentName, 'x-amz-copy-source-range');
      assert.equal(e.ArgumentValue, range);
    }
    await rejects(t.s3.send(new UploadPartCopyCommand({ Bucket: B, Key: 'ranges.bin', UploadId, PartNumber: 1, CopySource: `${S}/dir/small text.txt`, CopySourceRange: 'bytes=0-16' })),
      'InvalidArgument', 'Range specified is not valid for source object of size: 16', 400);
    // The last byte is in range.
    const ok = await t.s3.send(new UploadPartCopyCommand({ Bucket: B, Key: 'ranges.bin', UploadId, PartNumber: 2, CopySource: `${S}/dir/small text.txt`, CopySourceRange: 'bytes=15-15' }));
    assert.equal(ok.CopyPartResult!.ETag, `"${md5Hex(Buffer.from('f'))}"`);
    const parts = await t.s3.send(new ListPartsCommand({ Bucket: B, Key: 'ranges.bin', UploadId }));
    assert.deepEqual(parts.Parts!.map((p) => p.PartNumber), [2]);
    const ev = await t.w.lastEvent('UploadPartCopy');
    assert.equal(ev['requestParameters']['x-amz-copy-source-range'], 'bytes=15-15');
  });

  it('copy-source conditions: If-Match, If-None-Match, If-(Un)Modified-Since → 412 PreconditionFailed', async () => {
    const { UploadId } = await t.s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'cond.bin' }));
    const etag = `"${md5Hex(small)}"`;
    const base = { Bucket: B, Key: 'cond.bin', UploadId, PartNumber: 1, CopySource: `${S}/dir/small text.txt` };
    const past = new Date(Date.now() - 3600_000);
    const future = new Date(Date.now() + 3600_000);
    const failed = 'At least one of the pre-conditions you specified did not hold';
    await rejects(t.s3.send(new UploadPartCopyCommand({ ...base, CopySourceIfMatch: '"0000"' })), 'PreconditionFailed', failed, 412);
    await rejects(t.s3.send(new UploadPartCopyCommand({ ...base, CopySourceIfNoneMatch: etag })), 'PreconditionFailed', failed, 412);
    await rejects(t.s3.send(new UploadPartCopyCommand({ ...base, CopySourceIfModifiedSince: future })), 'PreconditionFailed', failed, 412);
    await rejects(t.s3.send(new UploadPartCopyCommand({ ...base, CopySourceIfUnmodifiedSince: past })), 'PreconditionFailed', failed, 412);
    // if-match true wins over if-unmodified-since false; if-none-match false loses over if-modified-since true.
    await t.s3.send(new UploadPartCopyCommand({ ...base, CopySourceIfMatch: etag, CopySourceIfUnmodifiedSince: past }));
    await rejects(t.s3.send(new UploadPartCopyCommand({ ...base, PartNumber: 2, CopySourceIfNoneMatch: etag, CopySourceIfModifiedSince: past })), 'PreconditionFailed', failed, 412);
    await t.s3.send(new UploadPartCopyCommand({ ...base, PartNumber: 3, CopySourceIfNoneMatch: '"0000"', CopySourceIfModifiedSince: past }));
    assert.deepEqual((await t.s3.send(new ListPartsCommand({ Bucket: B, Key: 'cond.bin', UploadId }))).Parts!.map((p) => p.PartNumber), [1, 3]);
    // CopyObject shares the conditions.
    await rejects(t.s3.send(new CopyObjectCommand({ Bucket: B, Key: 'copied', CopySource: `${S}/dir/small text.txt`, CopySourceIfNoneMatch: etag })), 'PreconditionFailed', failed, 412);
  });

  it('missing source, upload or part number: NoSuchKey, NoSuchBucket, NoSuchUpload, InvalidArgument', async () => {
    const { UploadId } = await t.s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'errs.bin' }));
    const base = { Bucket: B, Key: 'errs.bin', UploadId, PartNumber: 1 };
    await rejects(t.s3.send(new UploadPartCopyCommand({ ...base, CopySource: `${S}/nope` })), 'NoSuchKey', 'The specified key does not exist.', 404);
    await rejects(t.s3.send(new UploadPartCopyCommand({ ...base, CopySource: 'no-such-source-bucket/x' })), 'NoSuchBucket', 'The specified bucket does not exist', 404);
    await rejects(t.s3.send(new UploadPartCopyCommand({ ...base, UploadId: 'not-an-upload', CopySource: `${S}/big.bin` })), 'NoSuchUpload', /The specified upload does not exist/, 404);
    await rejects(t.s3.send(new UploadPartCopyCommand({ ...base, PartNumber: 10_001, CopySource: `${S}/big.bin` })), 'InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', 400);
    const ev = await t.w.lastEvent('UploadPartCopy');
    assert.equal(ev['errorCode'], 'InvalidArgument');
    assert.deepEqual((await t.s3.send(new ListPartsCommand({ Bucket: B, Key: 'errs.bin', UploadId }))).Parts ?? [], []);
  });

  it('needs s3:GetObject on the source and s3:PutObject on the target', async () => {
    const { UploadId } = await t.s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'perm.bin' }));
    const base = { Bucket: B, Key: 'perm.bin', UploadId, PartNumber: 1, CopySource: `${S}/dir/small text.txt` };
    const putOnly = await userClient(t.w, 'upc-put-only', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${B}/*` }] });
    await rejects(putOnly.s3.send(new UploadPartCopyCommand(base)), 'AccessDenied', /s3:GetObject/, 403);
    const getOnly = await userClient(t.w, 'upc-get-only', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${S}/*` }] });
    await rejects(getOnly.s3.send(new UploadPartCopyCommand(base)), 'AccessDenied', /s3:PutObject/, 403);
    const ev = await t.w.lastEvent('UploadPartCopy');
    assert.equal(ev['errorCode'], 'AccessDenied');
    assert.equal(ev['userIdentity']['arn'], `arn:aws:iam::${ACCOUNT}:user/upc-get-only`);
    const both = await userClient(t.w, 'upc-both', {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${B}/*` }, { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${S}/*` }],
    });
    const ok = await both.s3.send(new UploadPartCopyCommand(base));
    assert.equal(ok.CopyPartResult!.ETag, `"${md5Hex(small)}"`);
  });

  it('answers CopyPartResult XML with ETag and LastModified', async () => {
    const { UploadId } = await t.s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'xml.bin' }));
    const r = await rawS3(t.w, { method: 'PUT', path: `/${B}/xml.bin`, query: { partNumber: '1', uploadId: UploadId! }, headers: { 'x-amz-copy-source': `/${S}/big.bin`, 'x-amz-copy-source-range': 'bytes=0-9' } });
    assert.equal(r.status, 200, r.body);
    // The SDK stored big.bin with a CRC32 (its default): the part has the CRC32 of its ten bytes.
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(big.subarray(0, 10)));
    assert.match(r.body, new RegExp(
      '^<\\?xml version="1.0" encoding="UTF-8"\\?>\\s*<CopyPartResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      `<ETag>&quot;${md5Hex(big.subarray(0, 10))}&quot;</ETag><LastModified>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z</LastModified>` +
      `<ChecksumCRC32>${crc.toString('base64').replace(/[+/]/g, (c) => `\\${c}`)}</ChecksumCRC32></CopyPartResult>$`,
    ));
    assert.equal(r.headers.get('x-amz-server-side-encryption'), 'AES256');
  });
});

describe('s3 UploadPartCopy with SSE-C (over HTTPS)', () => {
  let w: Running;
  let s3: S3Client;
  let dir: string;
  const B = 'upc-ssec';
  const key1 = randomBytes(32);
  const key2 = randomBytes(32);
  const ssec = (k: Buffer) => ({ SSECustomerAlgorithm: 'AES256', SSECustomerKey: k.toString('base64') });
  const sourceSsec = (k: Buffer) => ({ CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: k.toString('base64') });
  const keyMd5 = (k: Buffer): string => createHash('md5').update(k).digest('base64');

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-upc-'));
    w = await startTestWarden(['--tls', '--data-dir', dir, '--in-memory=false']);
    s3 = w.client(S3Client, { forcePathStyle: true, endpoint: w.warden.server.httpsUrl!.replace('127.0.0.1', 'localhost'), requestHandler: { httpsAgent: new Agent({ ca: w.warden.tls!.certPem }) } });
    await s3.send(new CreateBucketCommand({ Bucket: B }));
  });
  after(async () => {
    await w.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads an SSE-C source with the x-amz-copy-source-…-customer key, writes into an SSE-C upload with its key', async () => {
    await s3.send(new PutObjectCommand({ Bucket: B, Key: 'src', Body: 'customer secret', ...ssec(key1) }));
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'dst', ...ssec(key2) }));
    const base = { Bucket: B, Key: 'dst', UploadId, PartNumber: 1, CopySource: `${B}/src`, CopySourceRange: 'bytes=9-14' };
    // Without the source key, with a wrong one, or without the upload's key: refused, nothing written.
    await rejects(s3.send(new UploadPartCopyCommand({ ...base, ...ssec(key2) })), 'InvalidRequest', undefined, 400);
    await rejects(s3.send(new UploadPartCopyCommand({ ...base, ...ssec(key2), ...sourceSsec(key2) })), 'AccessDenied', undefined, 403);
    await rejects(s3.send(new UploadPartCopyCommand({ ...base, ...sourceSsec(key1) })), 'InvalidRequest', undefined, 400);
    await rejects(s3.send(new UploadPartCopyCommand({ ...base, ...ssec(key1), ...sourceSsec(key1) })), 'AccessDenied', undefined, 403);
    assert.deepEqual((await s3.send(new ListPartsCommand({ Bucket: B, Key: 'dst', UploadId, ...ssec(key2) }))).Parts ?? [], []);
    const part = await s3.send(new UploadPartCopyCommand({ ...base, ...ssec(key2), ...sourceSsec(key1) }));
    assert.equal(part.SSECustomerAlgorithm, 'AES256');
    assert.equal(part.SSECustomerKeyMD5, keyMd5(key2));
    assert.equal(part.CopyPartResult!.ETag, `"${md5Hex(Buffer.from('secret'))}"`);
    await s3.send(new CompleteMultipartUploadCommand({ Bucket: B, Key: 'dst', UploadId, ...ssec(key2), MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.CopyPartResult!.ETag }] } }));
    assert.equal(await (await s3.send(new GetObjectCommand({ Bucket: B, Key: 'dst', ...ssec(key2) }))).Body!.transformToString(), 'secret');
    // The audit event names the source algorithm, never a key.
    const ev = await w.lastEvent('UploadPartCopy');
    assert.equal(ev['requestParameters']['x-amz-copy-source-server-side-encryption-customer-algorithm'], 'AES256');
    assert.equal(ev['requestParameters']['x-amz-server-side-encryption-customer-algorithm'], 'AES256');
    const text = JSON.stringify(ev);
    for (const k of [key1, key2]) {
      assert.ok(!text.includes(k.toString('base64')) && !text.includes(keyMd5(k)));
    }
  });
});
