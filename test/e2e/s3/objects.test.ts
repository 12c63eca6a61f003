import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import {
  CopyObjectCommand, CreateBucketCommand, DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand,
  DeleteObjectTaggingCommand, GetObjectTaggingCommand, ListObjectsCommand, ListObjectsV2Command, PutBucketPolicyCommand, PutObjectCommand, PutObjectTaggingCommand, S3Client,
} from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ACCOUNT, presign, rawS3, rejects, userClient, useWarden } from './helpers.js';

const text = async (b: { transformToString(): Promise<string> } | undefined): Promise<string> => b!.transformToString();

describe('s3 objects', () => {
  const t = useWarden();
  const B = 'obj-bucket';

  it('PutObject, GetObject, HeadObject round-trip with metadata, ETag = MD5, SSE-S3 by default', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: B }));
    const body = 'hello, warden';
    const put = await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'dir/hello.txt', Body: body, ContentType: 'text/plain', Metadata: { Owner: 'alice' }, CacheControl: 'no-cache' }));
    assert.equal(put.ETag, `"${createHash('md5').update(body).digest('hex')}"`);
    assert.equal(put.ServerSideEncryption, 'AES256');
    const got = await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'dir/hello.txt' }));
    assert.equal(await text(got.Body), body);
    assert.equal(got.ContentType, 'text/plain');
    assert.equal(got.ContentLength, body.length);
    assert.equal(got.CacheControl, 'no-cache');
    assert.deepEqual(got.Metadata, { owner: 'alice' });
    assert.equal(got.ETag, put.ETag);
    const head = await t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'dir/hello.txt' }));
    assert.equal(head.ContentLength, body.length);
    assert.equal(head.ServerSideEncryption, 'AES256');
    const ev = await t.w.lastEvent('PutObject');
    assert.equal(ev['eventCategory'], 'Data');
    assert.equal(ev['managementEvent'], false);
    assert.deepEqual(ev['requestParameters'], { bucketName: B, key: 'dir/hello.txt' });
    assert.deepEqual(ev['resources'], [
      { ARN: `arn:aws:s3:::${B}/dir/hello.txt`, accountId: ACCOUNT, type: 'AWS::S3::Object' },
      { ARN: `arn:aws:s3:::${B}`, accountId: ACCOUNT, type: 'AWS::S3::Bucket' },
    ]);
    assert.equal(ev['additionalEventData']['bytesTransferredIn'], body.length);
    assert.equal(ev['additionalEventData']['SSEApplied'], 'Default_SSE_S3');
    assert.equal(ev['additionalEventData']['SignatureVersion'], 'SigV4');
    assert.equal(ev['additionalEventData']['AuthenticationMethod'], 'AuthHeader');
    assert.equal(ev['additionalEventData']['x-amz-id-2'], put.$metadata.extendedRequestId);
    assert.ok(!JSON.stringify(ev).includes(body));
    const gev = await t.w.lastEvent('GetObject');
    assert.equal(gev['additionalEventData']['bytesTransferredOut'], body.length);
    assert.equal(gev['readOnly'], true);
  });

  it('keys with spaces, unicode and slashes; NoSuchKey; NoSuchBucket', async () => {
    const key = 'a b/ü+ñ/%41.txt';
    await t.s3.send(new PutObjectCommand({ Bucket: B, Key: key, Body: 'u' }));
    assert.equal(await text((await t.s3.send(new GetObjectCommand({ Bucket: B, Key: key }))).Body), 'u');
    await rejects(t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'missing' })), 'NoSuchKey', 'The specified key does not exist.', 404);
    await rejects(t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'missing' })), 'NotFound', undefined, 404);
    await rejects(t.s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket-here', Key: 'k' })), 'NoSuchBucket', 'The specified bucket does not exist', 404);
  });

  it('Range gives 206 with Content-Range; an unsatisfiable range is InvalidRange 416', async () => {
    await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'digits', Body: '0123456789' }));
    const r = await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'digits', Range: 'bytes=2-5' }));
    assert.equal(r.$metadata.httpStatusCode, 206);
    assert.equal(await text(r.Body), '2345');
    assert.equal(r.ContentRange, 'bytes 2-5/10');
    assert.equal(await text((await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'digits', Range: 'bytes=-3' }))).Body), '789');
    assert.equal(await text((await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'digits', Range: 'bytes=7-' }))).Body), '789');
    await rejects(t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'digits', Range: 'bytes=20-30' })), 'InvalidRange', 'The requested range is not satisfiable', 416);
  });

  it('conditional GETs: 304 and 412', async () => {
    const put = await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'cond', Body: 'c' }));
    // A 304 has no body, so the SDK cannot name it (as with AWS); the status tells.
    await rejects(t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'cond', IfNoneMatch: put.ETag })), 'Unknown', undefined, 304);
    await rejects(t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'cond', IfMatch: '"0000"' })), 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412);
    await rejects(t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'cond', IfModifiedSince: new Date(Date.now() + 3600_000) })), 'Unknown', undefined, 304);
    await rejects(t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'cond', IfUnmodifiedSince: new Date(Date.now() - 3600_000) })), 'PreconditionFailed', undefined, 412);
    assert.equal(await text((await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'cond', IfMatch: put.ETag }))).Body), 'c');
    await rejects(t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'cond', Body: 'again', IfNoneMatch: '*' })), 'PreconditionFailed', undefined, 412);
    assert.equal(await text((await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'cond' }))).Body), 'c');
  });

  it('checks Content-MD5 and x-amz-checksum-* (CRC32, CRC32C, SHA1, SHA256); a bad digest writes nothing', async () => {
    for (const alg of ['CRC32', 'CRC32C', 'SHA1', 'SHA256'] as const) {
      const put = await t.s3.send(new PutObjectCommand({ Bucket: B, Key: `sum-${alg}`, Body: '123456789', ChecksumAlgorithm: alg }));
      const member = `Checksum${alg}` as const;
      assert.ok(put[member], `${alg} echoed`);
      const head = await t.s3.send(new HeadObjectCommand({ Bucket: B, Key: `sum-${alg}`, ChecksumMode: 'ENABLED' }));
      assert.equal(head[member], put[member]);
    }
    // CRC32C("123456789") = 0xE3069283 (RFC 3720 check value).
    const c = await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'crc32c', Body: '123456789', ChecksumCRC32C: Buffer.from('e3069283', 'hex').toString('base64') }));
    assert.equal(c.ChecksumCRC32C, '4waSgw==');
    await rejects(t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'bad-crc', Body: 'abc', ChecksumCRC32C: 'AAAAAA==' })), 'BadDigest', 'The CRC32C you specified did not match the calculated checksum.', 400);
    await rejects(t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'bad-md5', Body: 'abc', ContentMD5: createHash('md5').update('xyz').digest('base64') })), 'BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
    await rejects(t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'bad-md5', Body: 'abc', ContentMD5: 'short' })), 'InvalidDigest', undefined, 400);
    await rejects(t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'bad-crc' })), 'NotFound');
    await rejects(t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'bad-md5' })), 'NotFound');
    const ok = await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'good-md5', Body: 'abc', ContentMD5: createHash('md5').update('abc').digest('base64') }));
    assert.equal(ok.ETag, `"${createHash('md5').update('abc').digest('hex')}"`);
  });

  it('CopyObject copies body and metadata, REPLACE replaces them; copying onto itself unchanged is InvalidRequest', async () => {
    await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'src', Body: 'copy me', ContentType: 'text/x', Metadata: { a: '1' } }));
    const cp = await t.s3.send(new CopyObjectCommand({ Bucket: B, Key: 'dst', CopySource: `${B}/src` }));
    assert.equal(cp.CopyObjectResult!.ETag, `"${createHash('md5').update('copy me').digest('hex')}"`);
    const d = await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'dst' }));
    assert.equal(await text(d.Body), 'copy me');
    assert.deepEqual(d.Metadata, { a: '1' });
    assert.equal(d.ContentType, 'text/x');
    await t.s3.send(new CopyObjectCommand({ Bucket: B, Key: 'dst2', CopySource: `/${B}/src`, MetadataDirective: 'REPLACE', Metadata: { b: '2' }, ContentType: 'text/y' }));
    const d2 = await t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'dst2' }));
    assert.deepEqual(d2.Metadata, { b: '2' });
    assert.equal(d2.ContentType, 'text/y');
    await rejects(t.s3.send(new CopyObjectCommand({ Bucket: B, Key: 'src', CopySource: `${B}/src` })), 'InvalidRequest', /copy an object to itself/, 400);
    await rejects(t.s3.send(new CopyObjectCommand({ Bucket: B, Key: 'dst3', CopySource: `${B}/nope` })), 'NoSuchKey', undefined, 404);
  });

  it('ListObjectsV2 and ListObjects: prefix, delimiter, CommonPrefixes, pagination', async () => {
    const L = 'list-bucket';
    await t.s3.send(new CreateBucketCommand({ Bucket: L }));
    const keys = ['a.txt', 'b/1', 'b/2', 'c/x/1', 'c/y', 'd.txt', 'e.txt'];
    for (const k of keys) await t.s3.send(new PutObjectCommand({ Bucket: L, Key: k, Body: k }));
    const all = await t.s3.send(new ListObjectsV2Command({ Bucket: L }));
    assert.deepEqual(all.Contents!.map((o) => o.Key), keys);
    assert.equal(all.KeyCount, 7);
    assert.equal(all.Contents![0]!.Size, 5);
    assert.equal(all.Contents![0]!.StorageClass, 'STANDARD');
    const del = await t.s3.send(new ListObjectsV2Command({ Bucket: L, Delimiter: '/' }));
    assert.deepEqual(del.Contents!.map((o) => o.Key), ['a.txt', 'd.txt', 'e.txt']);
    assert.deepEqual(del.CommonPrefixes!.map((p) => p.Prefix), ['b/', 'c/']);
    const sub = await t.s3.send(new ListObjectsV2Command({ Bucket: L, Prefix: 'c/', Delimiter: '/' }));
    assert.deepEqual(sub.Contents!.map((o) => o.Key), ['c/y']);
    assert.deepEqual(sub.CommonPrefixes!.map((p) => p.Prefix), ['c/x/']);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const p = await t.s3.send(new ListObjectsV2Command({ Bucket: L, Delimiter: '/', MaxKeys: 2, ...(token ? { ContinuationToken: token } : {}) }));
      seen.push(...(p.Contents ?? []).map((o) => o.Key!), ...(p.CommonPrefixes ?? []).map((c) => c.Prefix!));
      token = p.NextContinuationToken;
      assert.equal(p.IsTruncated, token !== undefined);
      pages++;
    } while (token !== undefined);
    assert.equal(pages, 3);
    assert.deepEqual(seen.sort(), ['a.txt', 'b/', 'c/', 'd.txt', 'e.txt']);
    const after = await t.s3.send(new ListObjectsV2Command({ Bucket: L, StartAfter: 'c/y' }));
    assert.deepEqual(after.Contents!.map((o) => o.Key), ['d.txt', 'e.txt']);
    const v1 = await t.s3.send(new ListObjectsCommand({ Bucket: L, MaxKeys: 3 }));
    assert.deepEqual(v1.Contents!.map((o) => o.Key), ['a.txt', 'b/1', 'b/2']);
    assert.equal(v1.IsTruncated, true);
    const v1b = await t.s3.send(new ListObjectsCommand({ Bucket: L, Marker: 'b/2' }));
    assert.deepEqual(v1b.Contents!.map((o) => o.Key), ['c/x/1', 'c/y', 'd.txt', 'e.txt']);
    const v1d = await t.s3.send(new ListObjectsCommand({ Bucket: L, Delimiter: '/', MaxKeys: 2 }));
    assert.equal(v1d.NextMarker, 'b/');
  });

  it('DeleteObject and DeleteObjects', async () => {
    await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'gone', Body: 'x' }));
    await t.s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'gone' }));
    await rejects(t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'gone' })), 'NotFound');
    await t.s3.send(new DeleteObjectCommand({ Bucket: B, Key: 'never-there' }));
    for (const k of ['m1', 'm2']) await t.s3.send(new PutObjectCommand({ Bucket: B, Key: k, Body: k }));
    const r = await t.s3.send(new DeleteObjectsCommand({ Bucket: B, Delete: { Objects: [{ Key: 'm1' }, { Key: 'm2' }, { Key: 'm3' }] } }));
    assert.deepEqual(r.Deleted!.map((d) => d.Key), ['m1', 'm2', 'm3']);
    await rejects(t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'm1' })), 'NotFound');
    const ev = await t.w.lastEvent('DeleteObjects');
    assert.equal(ev['eventCategory'], 'Data');
  });

  it('virtual-hosted-style addressing (bucket.s3.localhost)', async () => {
    const port = new URL(t.w.url).port;
    // *.s3.localhost resolves to loopback here whatever the system resolver says.
    const lookup = (_h: string, o: { all?: boolean }, cb: (e: Error | null, a: unknown, f?: number) => void) =>
      o?.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4);
    const agent = new Agent({ lookup } as never);
    const vh = new S3Client({ endpoint: `http://s3.localhost:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1, forcePathStyle: false, requestHandler: new NodeHttpHandler({ httpAgent: agent }) });
    await vh.send(new PutObjectCommand({ Bucket: B, Key: 'vh/key.txt', Body: 'virtual' }));
    assert.equal(await text((await vh.send(new GetObjectCommand({ Bucket: B, Key: 'vh/key.txt' }))).Body), 'virtual');
    const l = await vh.send(new ListObjectsV2Command({ Bucket: B, Prefix: 'vh/' }));
    assert.deepEqual(l.Contents!.map((o) => o.Key), ['vh/key.txt']);
    assert.equal(await text((await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'vh/key.txt' }))).Body), 'virtual');
  });

  it('presigned GET URLs work until they expire; a tampered one is SignatureDoesNotMatch', async () => {
    await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'shared.txt', Body: 'presigned!' }));
    const url = await presign(t.w, 'GET', `/${B}/shared.txt`);
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'presigned!');
    const bad = await fetch(url.replace('shared.txt', 'other.txt'));
    assert.equal(bad.status, 403);
    assert.match(await bad.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    const old = await presign(t.w, 'GET', `/${B}/shared.txt`, 60, new Date(Date.now() - 10 * 60_000));
    const expired = await fetch(old);
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
  });

  it('a presigned PUT uploads with UNSIGNED-PAYLOAD', async () => {
    const url = await presign(t.w, 'PUT', `/${B}/uploaded-by-url`);
    const res = await fetch(url, { method: 'PUT', body: 'via presigned PUT' });
    assert.equal(res.status, 200);
    assert.ok(res.headers.get('etag'));
    assert.equal(await text((await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'uploaded-by-url' }))).Body), 'via presigned PUT');
  });

  it('a declared body over 5 GB is EntityTooLarge before anything is read', async () => {
    const url = new URL(`${t.w.url}/${B}/huge`);
    const { status, body } = await new Promise<{ status: number; body: string }>((ok, fail) => {
      const r = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'PUT', headers: { 'content-length': String(6 * 1024 ** 3) } }, (res) => {
        let b = '';
        res.on('data', (c: Buffer) => (b += c.toString()));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: b }));
      });
      r.on('error', fail);
      r.flushHeaders();
    });
    assert.equal(status, 400);
    assert.match(body, /<Code>EntityTooLarge<\/Code><Message>Your proposed upload exceeds the maximum allowed size<\/Message><ProposedSize>6442450944<\/ProposedSize><MaxSizeAllowed>5368709120<\/MaxSizeAllowed>/);
  });

  it('bad requests leave nothing behind: invalid SSE, malformed aws-chunked', async () => {
    await rejects(t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'bad-sse', Body: 'x', ServerSideEncryption: 'ROT13' as never })), 'InvalidArgument', 'The encryption method specified is not supported', 400);
    const chunked = await rawS3(t.w, {
      method: 'PUT',
      path: `/${B}/chunked`,
      body: '1\r\nx\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n',
      headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '1', 'x-amz-trailer': 'x-amz-checksum-crc32' },
      contentSha256: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
    });
    assert.equal(chunked.status, 400);
    assert.match(chunked.body, /<Code>BadDigest<\/Code>/);
    await rejects(t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'bad-sse' })), 'NotFound');
    await rejects(t.s3.send(new HeadObjectCommand({ Bucket: B, Key: 'chunked' })), 'NotFound');
  });

  it('aws-chunked uploads of a stream (the SDK\'s trailing checksum) are decoded and stored as the payload', async () => {
    const payload = Buffer.alloc(200_000, 'w');
    const stream = Readable.from([payload.subarray(0, 70_000), payload.subarray(70_000)]);
    let sent: Record<string, string> = {};
    t.s3.middlewareStack.add((next) => async (args) => {
      sent = { ...(args.request as { headers: Record<string, string> }).headers };
      return next(args);
    }, { step: 'finalizeRequest', priority: 'low', name: 'capture-headers' });
    try {
      await t.s3.send(new PutObjectCommand({ Bucket: B, Key: 'streamed', Body: stream, ContentLength: payload.length, ChecksumAlgorithm: 'CRC32' }));
    } finally {
      t.s3.middlewareStack.remove('capture-headers');
    }
    assert.match(sent['content-encoding'] ?? '', /aws-chunked/);
    assert.match(sent['x-amz-content-sha256'] ?? '', /^STREAMING-/);
    const got = await t.s3.send(new GetObjectCommand({ Bucket: B, Key: 'streamed' }));
    assert.equal(Buffer.from(await got.Body!.transformToByteArray()).equals(payload), true);
    assert.equal(got.ETag, `"${createHash('md5').update(payload).digest('hex')}"`);
    const ev = await t.w.lastEvent('PutObject');
    assert.equal(ev['additionalEventData']['bytesTransferredIn'], payload.length);
  });

  it('IAM users and bucket policies decide object access; a missing key without s3:ListBucket is AccessDenied', async () => {
    const reader = await userClient(t.w, 'reader', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${B}/*` }] });
    assert.equal(await text((await reader.s3.send(new GetObjectCommand({ Bucket: B, Key: 'digits' }))).Body), '0123456789');
    await rejects(reader.s3.send(new GetObjectCommand({ Bucket: B, Key: 'missing' })), 'AccessDenied', /s3:ListBucket/, 403);
    await rejects(reader.s3.send(new PutObjectCommand({ Bucket: B, Key: 'w', Body: 'x' })), 'AccessDenied', /s3:PutObject on resource: "arn:aws:s3:::obj-bucket\/w"/, 403);
    // Cross-account: the bucket policy grants the other account read access.
    await rejects(t.other.send(new GetObjectCommand({ Bucket: B, Key: 'digits' })), 'AccessDenied', undefined, 403);
    await t.s3.send(new PutBucketPolicyCommand({ Bucket: B, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${B}/*` }] }) }));
    assert.equal(await text((await t.other.send(new GetObjectCommand({ Bucket: B, Key: 'digits' }))).Body), '0123456789');
  });
});

describe('s3 object tagging', () => {
  const t = useWarden();
  it('x-amz-tagging on PUT, Get/Put/DeleteObjectTagging, TagCount, InvalidTag, s3:ExistingObjectTag conditions', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'tagged-objects' }));
    await t.s3.send(new PutObjectCommand({ Bucket: 'tagged-objects', Key: 'doc', Body: 'd', Tagging: 'class=public&team=a%20b' }));
    const tags = await t.s3.send(new GetObjectTaggingCommand({ Bucket: 'tagged-objects', Key: 'doc' }));
    assert.deepEqual(tags.TagSet, [{ Key: 'class', Value: 'public' }, { Key: 'team', Value: 'a b' }]);
    assert.equal((await t.s3.send(new HeadObjectCommand({ Bucket: 'tagged-objects', Key: 'doc' }))).TagCount, 2);
    await rejects(t.s3.send(new PutObjectTaggingCommand({ Bucket: 'tagged-objects', Key: 'doc', Tagging: { TagSet: Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) } })),
      'InvalidTag', 'Object tags cannot be greater than 10', 400);
    assert.equal((await t.s3.send(new GetObjectTaggingCommand({ Bucket: 'tagged-objects', Key: 'doc' }))).TagSet!.length, 2);
    const reader = await userClient(t.w, 'tag-reader', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::tagged-objects/*', Condition: { StringEquals: { 's3:ExistingObjectTag/class': 'public' } } }] });
    assert.equal(await text((await reader.s3.send(new GetObjectCommand({ Bucket: 'tagged-objects', Key: 'doc' }))).Body), 'd');
    await t.s3.send(new PutObjectTaggingCommand({ Bucket: 'tagged-objects', Key: 'doc', Tagging: { TagSet: [{ Key: 'class', Value: 'secret' }] } }));
    await rejects(reader.s3.send(new GetObjectCommand({ Bucket: 'tagged-objects', Key: 'doc' })), 'AccessDenied', undefined, 403);
    await t.s3.send(new DeleteObjectTaggingCommand({ Bucket: 'tagged-objects', Key: 'doc' }));
    assert.deepEqual((await t.s3.send(new GetObjectTaggingCommand({ Bucket: 'tagged-objects', Key: 'doc' }))).TagSet, []);
    await rejects(t.s3.send(new GetObjectTaggingCommand({ Bucket: 'tagged-objects', Key: 'none' })), 'NoSuchKey', undefined, 404);
  });
});
