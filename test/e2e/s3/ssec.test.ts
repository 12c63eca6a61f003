import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { startTestWarden, type Running } from '../../harness.js';
import { rejects } from './helpers.js';

const text = async (b: unknown): Promise<string> => (b as { transformToString(): Promise<string> }).transformToString();
const md5 = (k: Buffer): string => createHash('md5').update(k).digest('base64');
const ssec = (k: Buffer) => ({ SSECustomerAlgorithm: 'AES256', SSECustomerKey: k.toString('base64') });

describe('S3 SSE-C (customer-provided keys) over HTTPS', () => {
  let w: Running;
  let s3: S3Client;
  let plain: S3Client;
  let dir: string;
  const B = 'ssec-bucket';
  const key1 = randomBytes(32);
  const key2 = randomBytes(32);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-ssec-'));
    w = await startTestWarden(['--tls', '--data-dir', dir, '--in-memory=false']);
    const ca = w.warden.tls!.certPem;
    s3 = w.client(S3Client, { forcePathStyle: true, endpoint: w.warden.server.httpsUrl!.replace('127.0.0.1', 'localhost'), requestHandler: { httpsAgent: new Agent({ ca }) } });
    plain = w.client(S3Client, { forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: B }));
  });
  after(async () => {
    await w.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('put, get, head round trip; responses echo the algorithm and key MD5, not x-amz-server-side-encryption', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: B, Key: 'a', Body: 'customer secret body', ...ssec(key1) }));
    assert.equal(put.SSECustomerAlgorithm, 'AES256');
    assert.equal(put.SSECustomerKeyMD5, md5(key1));
    assert.equal(put.ServerSideEncryption, undefined);
    const got = await s3.send(new GetObjectCommand({ Bucket: B, Key: 'a', ...ssec(key1) }));
    assert.equal(await text(got.Body), 'customer secret body');
    assert.equal(got.SSECustomerAlgorithm, 'AES256');
    assert.equal(got.SSECustomerKeyMD5, md5(key1));
    const head = await s3.send(new HeadObjectCommand({ Bucket: B, Key: 'a', ...ssec(key1) }));
    assert.equal(head.ContentLength, 'customer secret body'.length);
    assert.equal(head.SSECustomerKeyMD5, md5(key1));
    const ranged = await s3.send(new GetObjectCommand({ Bucket: B, Key: 'a', Range: 'bytes=0-7', ...ssec(key1) }));
    assert.equal(await text(ranged.Body), 'customer');
  });

  it('GET/HEAD without the key: 400 InvalidRequest; with a wrong key: 403 AccessDenied', async () => {
    await s3.send(new PutObjectCommand({ Bucket: B, Key: 'b', Body: 'x', ...ssec(key1) }));
    await rejects(s3.send(new GetObjectCommand({ Bucket: B, Key: 'b' })), 'InvalidRequest',
      'The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.', 400);
    await rejects(s3.send(new GetObjectCommand({ Bucket: B, Key: 'b', ...ssec(key2) })), 'AccessDenied', 'Access Denied', 403);
    // HEAD has no body: only the status tells.
    const status = async (p: Promise<unknown>) => p.then(() => 200, (e: any) => e.$metadata?.httpStatusCode as number);
    assert.equal(await status(s3.send(new HeadObjectCommand({ Bucket: B, Key: 'b' }))), 400);
    assert.equal(await status(s3.send(new HeadObjectCommand({ Bucket: B, Key: 'b', ...ssec(key2) }))), 403);
    // A key for an object not stored with SSE-C.
    await s3.send(new PutObjectCommand({ Bucket: B, Key: 'sse-s3', Body: 'y' }));
    await rejects(s3.send(new GetObjectCommand({ Bucket: B, Key: 'sse-s3', ...ssec(key1) })), 'InvalidRequest', undefined, 400);
  });

  it('a key MD5 that does not match: 400 InvalidArgument, nothing written', async () => {
    const cmd = new PutObjectCommand({ Bucket: B, Key: 'md5-bad', Body: 'x', ...ssec(key1) });
    // The SDK always computes the MD5 itself: overwrite it after it did.
    cmd.middlewareStack.add((next) => async (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-amz-server-side-encryption-customer-key-md5'] = md5(key2);
      return next(args);
    }, { step: 'build' });
    const err = await rejects(s3.send(cmd), 'InvalidArgument', 'The calculated MD5 hash of the key did not match the hash that was provided.', 400);
    assert.ok(err.ArgumentName === undefined || err.ArgumentName === 'x-amz-server-side-encryption-customer-key-MD5');
    await rejects(s3.send(new HeadObjectCommand({ Bucket: B, Key: 'md5-bad' })), 'NotFound');
  });

  it('a key that is not 256 bits or an algorithm other than AES256: InvalidArgument', async () => {
    await rejects(s3.send(new PutObjectCommand({ Bucket: B, Key: 'short', Body: 'x', ...ssec(randomBytes(16)) })), 'InvalidArgument', 'The secret key was invalid for the specified algorithm.', 400);
    await rejects(s3.send(new PutObjectCommand({ Bucket: B, Key: 'alg', Body: 'x', SSECustomerAlgorithm: 'AES128', SSECustomerKey: key1.toString('base64') })), 'InvalidArgument', undefined, 400);
  });

  it('refused over plain HTTP with AWS text', async () => {
    await s3.send(new PutObjectCommand({ Bucket: B, Key: 'http', Body: 'x', ...ssec(key1) }));
    const msg = 'Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.';
    await rejects(plain.send(new PutObjectCommand({ Bucket: B, Key: 'http2', Body: 'x', ...ssec(key1) })), 'InvalidRequest', msg, 400);
    await rejects(plain.send(new GetObjectCommand({ Bucket: B, Key: 'http', ...ssec(key1) })), 'InvalidRequest', msg, 400);
  });

  it('the body on disk is not plaintext, and no key byte is stored anywhere', async () => {
    const secret = 'SSEC-PLAINTEXT-MARKER-'.repeat(10);
    const before = new Set(readdirSync(join(dir, 's3')));
    const k = randomBytes(32);
    await s3.send(new PutObjectCommand({ Bucket: B, Key: 'disk', Body: secret, ...ssec(k) }));
    const fresh = readdirSync(join(dir, 's3')).filter((f) => !before.has(f));
    assert.equal(fresh.length, 1);
    const bytes = readFileSync(join(dir, 's3', fresh[0]!));
    assert.ok(!bytes.includes(Buffer.from('SSEC-PLAINTEXT')));
    assert.equal(bytes.length, 16 + secret.length + 16); // segmented format: header, one segment and its tag
    const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile());
    assert.ok(files.length >= 1, 'the store files');
    for (const f of files) {
      const data = readFileSync(join(dir, f));
      assert.ok(!data.includes(k) && !data.includes(Buffer.from(k.toString('base64'))), `${f} holds the key`);
      assert.ok(!data.includes(Buffer.from('SSEC-PLAINTEXT')), `${f} holds plaintext`);
    }
  });

  it('audit: the algorithm in requestParameters, SSEApplied SSE_C, never the key', async () => {
    const k = randomBytes(32);
    const put = await s3.send(new PutObjectCommand({ Bucket: B, Key: 'audited', Body: 'x', ...ssec(k) }));
    const ev = await w.eventFor(put.$metadata.requestId!);
    assert.equal(ev.eventName, 'PutObject');
    assert.equal(ev.requestParameters['x-amz-server-side-encryption-customer-algorithm'], 'AES256');
    assert.equal(ev.additionalEventData.SSEApplied, 'SSE_C');
    const get = await s3.send(new GetObjectCommand({ Bucket: B, Key: 'audited', ...ssec(k) }));
    await text(get.Body);
    const gev = await w.eventFor(get.$metadata.requestId!);
    for (const e of [ev, gev]) {
      const json = JSON.stringify(e);
      assert.ok(!json.includes(k.toString('base64')), 'key in the event');
      assert.ok(!json.includes(k.toString('hex')), 'key (hex) in the event');
    }
  });

  it('CopyObject: the source read with its key, the copy stored under a new key', async () => {
    await s3.send(new PutObjectCommand({ Bucket: B, Key: 'src', Body: 'copy me', ...ssec(key1) }));
    await rejects(s3.send(new CopyObjectCommand({ Bucket: B, Key: 'dst', CopySource: `${B}/src`, ...ssec(key2) })), 'InvalidRequest', undefined, 400);
    const out = await s3.send(new CopyObjectCommand({
      Bucket: B, Key: 'dst', CopySource: `${B}/src`, ...ssec(key2),
      CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: key1.toString('base64'),
    }));
    assert.equal(out.SSECustomerKeyMD5, md5(key2));
    assert.equal(await text((await s3.send(new GetObjectCommand({ Bucket: B, Key: 'dst', ...ssec(key2) }))).Body), 'copy me');
    await rejects(s3.send(new GetObjectCommand({ Bucket: B, Key: 'dst', ...ssec(key1) })), 'AccessDenied', undefined, 403);
    // Wrong source key.
    await rejects(s3.send(new CopyObjectCommand({
      Bucket: B, Key: 'dst2', CopySource: `${B}/src`,
      CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: key2.toString('base64'),
    })), 'AccessDenied', undefined, 403);
    // SSE-C source copied to an SSE-S3 object.
    const s3copy = await s3.send(new CopyObjectCommand({ Bucket: B, Key: 'dst3', CopySource: `${B}/src`, CopySourceSSECustomerAlgorithm: 'AES256', CopySourceSSECustomerKey: key1.toString('base64') }));
    assert.equal(s3copy.ServerSideEncryption, 'AES256');
    assert.equal(await text((await s3.send(new GetObjectCommand({ Bucket: B, Key: 'dst3' }))).Body), 'copy me');
  });

  it('multipart: create, parts and complete with the key; parts without it or with another are refused', async () => {
    const up = await s3.send(new CreateMultipartUploadCommand({ Bucket: B, Key: 'mpu', ...ssec(key1) }));
    assert.equal(up.SSECustomerKeyMD5, md5(key1));
    const ev = await w.lastEvent('CreateMultipartUpload');
    assert.equal(ev.additionalEventData.SSEApplied, 'SSE_C');
    const part1 = Buffer.alloc(5 * 1024 * 1024, 'a');
    await rejects(s3.send(new UploadPartCommand({ Bucket: B, Key: 'mpu', UploadId: up.UploadId!, PartNumber: 1, Body: part1 })), 'InvalidRequest', undefined, 400);
    await rejects(s3.send(new UploadPartCommand({ Bucket: B, Key: 'mpu', UploadId: up.UploadId!, PartNumber: 1, Body: part1, ...ssec(key2) })), 'AccessDenied', undefined, 403);
    const p1 = await s3.send(new UploadPartCommand({ Bucket: B, Key: 'mpu', UploadId: up.UploadId!, PartNumber: 1, Body: part1, ...ssec(key1) }));
    assert.equal(p1.SSECustomerKeyMD5, md5(key1));
    const p2 = await s3.send(new UploadPartCommand({ Bucket: B, Key: 'mpu', UploadId: up.UploadId!, PartNumber: 2, Body: 'tail', ...ssec(key1) }));
    const done = await s3.send(new CompleteMultipartUploadCommand({
      Bucket: B, Key: 'mpu', UploadId: up.UploadId!, ...ssec(key1),
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: p1.ETag! }, { PartNumber: 2, ETag: p2.ETag! }] },
    }));
    assert.ok(done.ETag?.endsWith('-2"'));
    const got = await s3.send(new GetObjectCommand({ Bucket: B, Key: 'mpu', ...ssec(key1) }));
    const body = Buffer.from(await got.Body!.transformToByteArray());
    assert.equal(body.length, part1.length + 4);
    assert.equal(body.subarray(-4).toString(), 'tail');
    await rejects(s3.send(new GetObjectCommand({ Bucket: B, Key: 'mpu' })), 'InvalidRequest', undefined, 400);
  });
});
