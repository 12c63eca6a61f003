/**
 * Object bodies larger than --max-body-bytes (16 MiB): uploads read as they arrive (plain,
 * aws-chunked signed chunk by chunk), downloads decrypted as they are sent, ranges reading only
 * the segments they cover, and bodies damaged at rest refused.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, GetObjectTaggingCommand, HeadObjectCommand, PutObjectCommand, PutObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { chunkSignature, chunkSigning, STREAMING_SIGNED } from '../../../src/auth/aws-chunked.js';
import { parseAuth, type ParsedAuth } from '../../../src/auth/sigv4.js';
import { AWS_CLIS, runAws } from '../../cli.js';
import { startTestWarden, type Running } from '../../harness.js';
import { Sha256 } from '../../signing.js';
import { presign, rejects, userClient } from './helpers.js';

const B = 'streaming';
const MiB = 1024 * 1024;
const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Sends a PUT whose body goes out in `pieces`, with a pause between them; resolves with the answer. */
function putInPieces(w: Running, path: string, headers: Record<string, string>, pieces: readonly Buffer[]): Promise<{ status: number; body: string }> {
  const url = new URL(w.url);
  return new Promise((ok, fail) => {
    let answered = false;
    const r = request({ host: url.hostname, port: url.port, path, method: 'PUT', headers }, (res) => {
      answered = true;
      let b = '';
      res.on('data', (c: Buffer) => (b += c.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: b }));
    });
    // A server refusing the body mid-way answers and closes: writing on may fail (EPIPE) around
    // the time its answer arrives; only an error with no answer at all fails the request.
    r.on('error', (e) => setTimeout(() => (answered ? undefined : fail(e)), 500));
    void (async () => {
      for (const p of pieces) {
        if (answered || r.destroyed) return;
        if (!r.write(p)) await new Promise((d) => r.once('drain', d));
        await new Promise((d) => setTimeout(d, 2));
      }
      r.end();
    })();
  });
}

/**
 * A signed aws-chunked upload (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) as the SDK's signer frames it:
 * the request signed by Smithy's SignatureV4, each chunk signed in the chain from its signature.
 */
async function signedChunkedPut(w: Running, creds: { accessKeyId: string; secretAccessKey: string }, key: string, data: Buffer, chunk: number, tamper?: number) {
  const url = new URL(w.url);
  const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: creds, sha256: Sha256, uriEscapePath: false });
  const signed = await signer.sign({
    method: 'PUT', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: `/${B}/${key}`, query: {},
    headers: { host: url.host, 'x-amz-content-sha256': STREAMING_SIGNED, 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(data.length) },
  });
  const headers = signed.headers as Record<string, string>;
  const auth = parseAuth({ method: 'PUT', rawPath: `/${B}/${key}`, rawQuery: '', headers, body: Buffer.alloc(0) }) as ParsedAuth;
  const signing = chunkSigning(auth, creds.secretAccessKey);
  const pieces: Buffer[] = [];
  let previous = auth.signature;
  for (let at = 0; ; at += chunk) {
    const c = data.subarray(at, at + chunk);
    const sig = chunkSignature(signing, previous, c);
    const sent = tamper !== undefined && at <= tamper && tamper < at + c.length ? Buffer.from(c).fill(0, tamper - at, tamper - at + 1) : c;
    pieces.push(Buffer.concat([Buffer.from(`${c.length.toString(16)};chunk-signature=${sig}\r\n`), sent, Buffer.from('\r\n')]));
    previous = sig;
    if (c.length === 0) break;
  }
  const length = pieces.reduce((n, p) => n + p.length, 0);
  return putInPieces(w, `/${B}/${key}`, { ...headers, 'content-length': String(length) }, pieces);
}

describe('s3 streamed object bodies (larger than --max-body-bytes)', () => {
  let w: Running;
  let s3: S3Client;
  let once: S3Client;
  let dir: string;
  const big = randomBytes(40 * MiB);
  const bodyFiles = () => readdirSync(join(dir, 's3')).sort();

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'warden-s3-stream-'));
    w = await startTestWarden(['--data-dir', dir, '--in-memory=false']);
    s3 = w.client(S3Client, { forcePathStyle: true });
    once = w.client(S3Client, { forcePathStyle: true, maxAttempts: 1 });
    await s3.send(new CreateBucketCommand({ Bucket: B }));
  });
  after(async () => {
    await w.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('PutObject and GetObject of 40 MiB through the SDK; size, ETag, audit', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: B, Key: 'big', Body: big }));
    assert.equal(put.ETag, `"${createHash('md5').update(big).digest('hex')}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: B, Key: 'big' }));
    assert.equal(got.ContentLength, big.length);
    const bytes = await got.Body!.transformToByteArray();
    assert.equal(sha(bytes), sha(big));
    assert.equal((await s3.send(new HeadObjectCommand({ Bucket: B, Key: 'big' }))).ContentLength, big.length);
    const ev = await w.eventFor(put.$metadata.requestId!);
    assert.equal(ev['additionalEventData'].bytesTransferredIn, big.length);
    const get = await w.eventFor(got.$metadata.requestId!);
    assert.equal(get['additionalEventData'].bytesTransferredOut, big.length);
  });

  it('ranged GETs read across segment (64 KiB) borders', async () => {
    for (const [range, start, end] of [
      ['bytes=65530-131080', 65530, 131081],
      ['bytes=0-0', 0, 1],
      ['bytes=65536-65536', 65536, 65537],
      [`bytes=${20 * MiB - 3}-${30 * MiB + 5}`, 20 * MiB - 3, 30 * MiB + 6],
      ['bytes=-70000', big.length - 70000, big.length],
      [`bytes=${big.length - 10}-`, big.length - 10, big.length],
    ] as const) {
      const got = await s3.send(new GetObjectCommand({ Bucket: B, Key: 'big', Range: range }));
      assert.equal(got.ContentRange, `bytes ${start}-${end - 1}/${big.length}`, range);
      assert.equal(got.ContentLength, end - start);
      assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(big.subarray(start, end)), range);
    }
  });

  it('a signed aws-chunked upload is verified chunk by chunk as it arrives; a tampered chunk is SignatureDoesNotMatch and leaves nothing', async () => {
    const { creds } = await userClient(w, 'chunk-uploader', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    const data = randomBytes(18 * MiB + 123);
    const res = await signedChunkedPut(w, creds, 'chunked', data, 256 * 1024);
    assert.equal(res.status, 200, res.body);
    const got = await s3.send(new GetObjectCommand({ Bucket: B, Key: 'chunked' }));
    assert.equal(sha(await got.Body!.transformToByteArray()), sha(data));

    const before = bodyFiles();
    const bad = await signedChunkedPut(w, creds, 'chunked-bad', data, 256 * 1024, 1 * MiB);
    assert.equal(bad.status, 403);
    assert.match(bad.body, /<Code>SignatureDoesNotMatch<\/Code>/);
    await rejects(s3.send(new HeadObjectCommand({ Bucket: B, Key: 'chunked-bad' })), 'NotFound');
    assert.deepEqual(bodyFiles(), before, 'the partial body file is removed');
  });

  it('a wrong x-amz-content-sha256 is XAmzContentSHA256Mismatch after the body, and nothing is kept', async () => {
    const data = randomBytes(20 * MiB);
    const url = new URL(w.url);
    const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, sha256: Sha256, uriEscapePath: false });
    const claimed = sha(Buffer.from('something else'));
    const signed = await signer.sign({
      method: 'PUT', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: `/${B}/mismatch`, query: {},
      headers: { host: url.host, 'x-amz-content-sha256': claimed, 'content-length': String(data.length) },
    });
    const before = bodyFiles();
    const pieces = Array.from({ length: 20 }, (_, i) => data.subarray(i * MiB, (i + 1) * MiB));
    const res = await putInPieces(w, `/${B}/mismatch`, signed.headers as Record<string, string>, pieces);
    assert.equal(res.status, 400);
    assert.match(res.body, /<Code>XAmzContentSHA256Mismatch<\/Code>/);
    assert.match(res.body, new RegExp(`<ClientComputedContentSHA256>${claimed}</ClientComputedContentSHA256><S3ComputedContentSHA256>${sha(data)}</S3ComputedContentSHA256>`));
    await rejects(s3.send(new HeadObjectCommand({ Bucket: B, Key: 'mismatch' })), 'NotFound');
    assert.deepEqual(bodyFiles(), before);
  });

  it('Content-MD5 and x-amz-checksum-* are computed as the body streams: a wrong one is BadDigest and nothing is kept', async () => {
    const data = randomBytes(17 * MiB);
    const md5 = createHash('md5').update(data).digest('base64');
    const sha256 = createHash('sha256').update(data).digest('base64');
    const ok = await s3.send(new PutObjectCommand({ Bucket: B, Key: 'summed', Body: data, ContentMD5: md5, ChecksumSHA256: sha256 }));
    assert.equal(ok.ChecksumSHA256, sha256);
    const head = await s3.send(new HeadObjectCommand({ Bucket: B, Key: 'summed', ChecksumMode: 'ENABLED' }));
    assert.equal(head.ChecksumSHA256, sha256);
    const before = bodyFiles();
    const wrong = createHash('md5').update('other').digest('base64');
    await rejects(s3.send(new PutObjectCommand({ Bucket: B, Key: 'summed-bad', Body: data, ContentMD5: wrong })), 'BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
    await rejects(s3.send(new PutObjectCommand({ Bucket: B, Key: 'summed-bad', Body: data, ChecksumSHA256: createHash('sha256').update('x').digest('base64') })), 'BadDigest', undefined, 400);
    await rejects(s3.send(new HeadObjectCommand({ Bucket: B, Key: 'summed-bad' })), 'NotFound');
    assert.deepEqual(bodyFiles(), before);
  });

  it('a presigned PUT (UNSIGNED-PAYLOAD) of 17 MiB streams too', async () => {
    const data = randomBytes(17 * MiB);
    const res = await fetch(await presign(w, 'PUT', `/${B}/presigned-big`), { method: 'PUT', body: data });
    assert.equal(res.status, 200, await res.text());
    const got = await s3.send(new GetObjectCommand({ Bucket: B, Key: 'presigned-big' }));
    assert.equal(sha(await got.Body!.transformToByteArray()), sha(data));
  });

  it('Expect: 100-continue is answered only once the upload is authorized: a refused client never sends its body', async () => {
    const { creds } = await userClient(w, 'expect-reader', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    const data = randomBytes(2 * MiB);
    const attempt = async (credentials: { accessKeyId: string; secretAccessKey: string }, key: string) => {
      const url = new URL(w.url);
      const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials, sha256: Sha256, uriEscapePath: false });
      const signed = await signer.sign({
        method: 'PUT', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: `/${B}/${key}`, query: {},
        headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': String(data.length), expect: '100-continue' },
      });
      return new Promise<{ status: number; continued: boolean; body: string }>((ok, fail) => {
        let continued = false;
        const r = request({ host: url.hostname, port: url.port, path: `/${B}/${key}`, method: 'PUT', headers: signed.headers as Record<string, string> });
        r.on('continue', () => {
          continued = true;
          r.end(data);
        });
        r.on('response', (res) => {
          let b = '';
          res.on('data', (c: Buffer) => (b += c.toString()));
          res.on('end', () => ok({ status: res.statusCode ?? 0, continued, body: b }));
        });
        r.on('error', fail);
        r.flushHeaders();
      });
    };
    const refused = await attempt(creds, 'expect-denied');
    assert.equal(refused.status, 403);
    assert.match(refused.body, /<Code>AccessDenied<\/Code>/);
    assert.equal(refused.continued, false, 'no 100 Continue before the refusal');
    const allowed = await attempt({ accessKeyId: 'test', secretAccessKey: 'test' }, 'expect-ok');
    assert.deepEqual([allowed.status, allowed.continued], [200, true]);
    const got = await s3.send(new GetObjectCommand({ Bucket: B, Key: 'expect-ok' }));
    assert.equal(sha(await got.Body!.transformToByteArray()), sha(data));
  });

  it('a caller without s3:PutObject is refused before any byte is stored', async () => {
    const { s3: reader } = await userClient(w, 'reader-only', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
    const before = bodyFiles();
    await rejects(reader.send(new PutObjectCommand({ Bucket: B, Key: 'denied', Body: randomBytes(17 * MiB) })), 'AccessDenied', undefined, 403);
    assert.deepEqual(bodyFiles(), before);
  });

  it('a body damaged at rest: GetObject is InternalError (an S3 error, no stack); damage further on cuts the download short', async () => {
    const data = randomBytes(3 * MiB);
    const before = new Set(bodyFiles());
    await s3.send(new PutObjectCommand({ Bucket: B, Key: 'damaged', Body: data }));
    const file = join(dir, 's3', bodyFiles().find((f) => !before.has(f))!);
    const original = readFileSync(file);
    const flipped = (at: number) => {
      const b = Buffer.from(original);
      b[at]! ^= 0x40;
      return b;
    };
    writeFileSync(file, flipped(100)); // the first segment
    const err = await rejects(once.send(new GetObjectCommand({ Bucket: B, Key: 'damaged' })), 'InternalError', 'We encountered an internal error. Please try again.', 500);
    assert.ok(!String(err.message).includes(' at '), 'no stack in the answer');
    const ev = await w.lastEvent('GetObject');
    assert.equal(ev['errorCode'], 'InternalError');

    writeFileSync(file, flipped(statSync(file).size - 100)); // the last segment, past the first read
    const got = await once.send(new GetObjectCommand({ Bucket: B, Key: 'damaged' }));
    await assert.rejects(got.Body!.transformToByteArray());
    // The start of the body is still served, and the undamaged ranges read.
    const head = await once.send(new GetObjectCommand({ Bucket: B, Key: 'damaged', Range: 'bytes=0-99' }));
    assert.ok(Buffer.from(await head.Body!.transformToByteArray()).equals(data.subarray(0, 100)));
    writeFileSync(file, original);
    assert.equal(sha(await (await s3.send(new GetObjectCommand({ Bucket: B, Key: 'damaged' }))).Body!.transformToByteArray()), sha(data));
  });

  it('a write conflict while the body streams runs PutObject again from the stored body (If-Match still holds)', async () => {
    const first = await s3.send(new PutObjectCommand({ Bucket: B, Key: 'raced', Body: 'v1' }));
    const data = randomBytes(20 * MiB);
    const url = new URL(w.url);
    const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, sha256: Sha256, uriEscapePath: false });
    const signed = await signer.sign({
      method: 'PUT', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: `/${B}/raced`, query: {},
      headers: { host: url.host, 'x-amz-content-sha256': sha(data), 'content-length': String(data.length), 'if-match': first.ETag! },
    });
    const before = bodyFiles().length;
    const pieces = Array.from({ length: 40 }, (_, i) => data.subarray(i * 512 * 1024, (i + 1) * 512 * 1024));
    const upload = putInPieces(w, `/${B}/raced`, signed.headers as Record<string, string>, pieces);
    // Meanwhile the object's row changes (same ETag): the upload's read of it is stale at commit.
    await new Promise((d) => setTimeout(d, 30));
    await s3.send(new PutObjectTaggingCommand({ Bucket: B, Key: 'raced', Tagging: { TagSet: [{ Key: 't', Value: '1' }] } }));
    const res = await upload;
    assert.equal(res.status, 200, res.body);
    const got = await s3.send(new GetObjectCommand({ Bucket: B, Key: 'raced' }));
    assert.equal(sha(await got.Body!.transformToByteArray()), sha(data));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: B, Key: 'raced' }))).TagSet, []);
    // The first run's body file stays behind for the sweeper: two new files, not one.
    assert.equal(bodyFiles().length, before + 2);
  });

  for (const cli of AWS_CLIS) {
    it(`${cli} s3 cp of a 30 MB file round-trips (multipart, parts streamed); a range across parts reads`, async () => {
      const data = randomBytes(30 * 1000 * 1000);
      const src = join(dir, 'cp-src.bin');
      const back = join(dir, 'cp-back.bin');
      writeFileSync(src, data);
      const key = `cp-${cli.replace(/\W/g, '')}`;
      await runAws(w.url, ['s3', 'cp', src, `s3://${B}/${key}`], { cli });
      await runAws(w.url, ['s3', 'cp', `s3://${B}/${key}`, back], { cli });
      assert.equal(sha(readFileSync(back)), sha(data));
      const start = 8 * MiB - 10; // the CLI's parts are 8 MiB
      const got = await s3.send(new GetObjectCommand({ Bucket: B, Key: key, Range: `bytes=${start}-${start + 99}` }));
      assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(data.subarray(start, start + 100)));
      rmSync(src);
      rmSync(back);
    });
  }
});
