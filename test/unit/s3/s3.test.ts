import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { systemClock } from '../../../src/core/clock.js';
import { ProtocolError } from '../../../src/core/errors.js';
import { Barrier } from '../../../src/crypto/barrier.js';
import type { HttpRequest } from '../../../src/protocol/codec.js';
import { restXmlCodec } from '../../../src/protocol/rest-xml.js';
import { parseXml, XmlSyntaxError } from '../../../src/protocol/xml-parse.js';
import { checksumOf, crc32, crc32c } from '../../../src/services/s3/checksums.js';
import { checkBucketAccessAs, putObjectAs, readObjectUnchecked, S3AccessRefused } from '../../../src/services/s3/internal.js';
import { serviceDeliveryRefusal, serviceObjectReader, serviceObjectSink } from '../../../src/services/s3/service-access.js';
import { model } from '../../../src/services/s3/model.gen.js';
import { bucketNameProblem } from '../../../src/services/s3/names.js';
import { listKeys } from '../../../src/services/s3/listing.js';
import { parseRange } from '../../../src/services/s3/read.js';
import { writeBucket, writeObject } from '../../../src/services/s3/state.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import { parseConfig } from '../../../src/config/config.js';

const req = (method: string, path: string, query = '', headers: Record<string, string> = {}, body = ''): HttpRequest =>
  ({ method, rawPath: path, rawQuery: query, headers: { host: 'localhost:4566', ...headers }, body: Buffer.from(body) });

describe('s3 checksums', () => {
  it('computes the CRC check values of RFC 3720 and ISO-HDLC', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
    assert.equal(checksumOf('CRC32C', Buffer.from('123456789')), Buffer.from('e3069283', 'hex').toString('base64'));
    assert.equal(checksumOf('SHA256', Buffer.alloc(0)), '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });
});

describe('xml reader', () => {
  it('reads elements, attributes, entities and CDATA; refuses DOCTYPE and broken documents', () => {
    const r = parseXml('<?xml version="1.0"?><a xmlns="x"><b k="v&amp;w">1 &lt; 2</b><!-- c --><c><![CDATA[<raw>]]></c><d/></a>');
    assert.equal(r.name, 'a');
    assert.equal(r.children[0]!.text, '1 < 2');
    assert.equal(r.children[0]!.attributes['k'], 'v&w');
    assert.equal(r.children[1]!.text, '<raw>');
    assert.equal(r.children[2]!.name, 'd');
    for (const bad of ['<a><b></a>', '<a>', '<!DOCTYPE x [<!ENTITY e "e">]><a>&e;</a>', '<a>&bogus;</a>', '<a></a><b/>', 'text']) {
      assert.throws(() => parseXml(bad), XmlSyntaxError, bad);
    }
  });
});

describe('restXml operation matching', () => {
  const op = (r: HttpRequest) => restXmlCodec.operationName(model, r);
  it('chooses by method, path and query subresources', () => {
    assert.equal(op(req('GET', '/')), 'ListBuckets');
    assert.equal(op(req('PUT', '/b')), 'CreateBucket');
    assert.equal(op(req('PUT', '/b/')), 'CreateBucket');
    assert.equal(op(req('GET', '/b', 'list-type=2&prefix=a')), 'ListObjectsV2');
    assert.equal(op(req('GET', '/b')), 'ListObjects');
    assert.equal(op(req('GET', '/b', 'policy')), 'GetBucketPolicy');
    assert.equal(op(req('PUT', '/b', 'encryption=')), 'PutBucketEncryption');
    assert.equal(op(req('POST', '/b', 'delete')), 'DeleteObjects');
    assert.equal(op(req('GET', '/b', 'lifecycle')), 'GetBucketLifecycleConfiguration');
    assert.equal(op(req('PUT', '/b/k/with/slashes')), 'PutObject');
    assert.equal(op(req('PUT', '/b/k', '', { 'x-amz-copy-source': 'b/x' })), 'CopyObject');
    assert.equal(op(req('PUT', '/b/k', 'partNumber=1&uploadId=u')), 'UploadPart');
    assert.equal(op(req('GET', '/b/k', 'uploadId=u')), 'ListParts');
    assert.equal(op(req('GET', '/b/k', 'x-id=GetObject')), 'GetObject');
    assert.equal(op(req('POST', '/b/k', 'uploads')), 'CreateMultipartUpload');
    assert.equal(op(req('HEAD', '/b/k')), 'HeadObject');
    assert.equal(op(req('GET', '/k', '', { host: 'my-bucket.s3.localhost:4566' })), 'GetObject');
    assert.throws(() => op(req('PATCH', '/b')), (e: ProtocolError) => e.code === 'MethodNotAllowed' && e.httpStatus === 405);
  });

  it('binds labels, the greedy key, query members, headers and x-amz-meta-*', () => {
    const r = req('PUT', '/b/a%20b/%C3%BC', '', { 'content-type': 'text/plain', 'x-amz-meta-team': 'sec', 'x-amz-server-side-encryption': 'aws:kms', 'content-length': '2' }, 'hi');
    const input = restXmlCodec.decode(model, restXmlCodec.operationName(model, r), r);
    assert.equal(input['Bucket'], 'b');
    assert.equal(input['Key'], 'a b/ü');
    assert.equal(input['ContentType'], 'text/plain');
    assert.equal(input['ContentLength'], 2);
    assert.deepEqual(input['Metadata'], { team: 'sec' });
    assert.equal(input['ServerSideEncryption'], 'aws:kms');
    assert.equal(Buffer.from(input['Body'] as Uint8Array).toString(), 'hi');
    const vh = req('GET', '/', 'list-type=2&max-keys=5&prefix=p%2F', { host: 'vb.s3.localhost' });
    const li = restXmlCodec.decode(model, restXmlCodec.operationName(model, vh), vh);
    assert.deepEqual({ ...li }, { Bucket: 'vb', MaxKeys: 5, Prefix: 'p/' });
  });

  it('reads XML payloads and answers MalformedXML for broken ones', () => {
    const r = req('POST', '/b', 'delete', {}, '<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a</Key></Object><Object><Key>b</Key></Object><Quiet>true</Quiet></Delete>');
    const input = restXmlCodec.decode(model, 'DeleteObjects', r);
    assert.deepEqual(input['Delete'], { Objects: [{ Key: 'a' }, { Key: 'b' }], Quiet: true });
    const bad = req('POST', '/b', 'delete', {}, '<Delete><Object></Delete>');
    assert.throws(() => restXmlCodec.decode(model, 'DeleteObjects', bad), (e: ProtocolError) => e.code === 'MalformedXML');
  });

  it('writes outputs: headers, XML roots, flattened lists, raw payloads; errors in S3 shape', () => {
    const list = restXmlCodec.encodeOutput(model, 'ListObjectsV2', { Name: 'b', Contents: [{ Key: 'k', Size: 1 }], CommonPrefixes: [{ Prefix: 'p/' }], KeyCount: 2, IsTruncated: false }, 'rid');
    assert.equal(list.status, 200);
    assert.match(String(list.body), /^<\?xml version="1.0" encoding="UTF-8"\?>\n<ListBucketResult xmlns="http:\/\/s3.amazonaws.com\/doc\/2006-03-01\/"><IsTruncated>false<\/IsTruncated><Contents><Key>k<\/Key><Size>1<\/Size><\/Contents><Name>b<\/Name><CommonPrefixes><Prefix>p\/<\/Prefix><\/CommonPrefixes><KeyCount>2<\/KeyCount><\/ListBucketResult>$/);
    const get = restXmlCodec.encodeOutput(model, 'GetObject', { Body: Buffer.from('x'), ContentType: 'text/plain', Metadata: { a: '1' }, LastModified: new Date(0), ContentRange: 'bytes 0-0/5' }, 'rid');
    assert.equal(get.status, 206);
    assert.equal(get.headers['content-type'], 'text/plain');
    assert.equal(get.headers['x-amz-meta-a'], '1');
    assert.equal(get.headers['last-modified'], 'Thu, 01 Jan 1970 00:00:00 GMT');
    assert.equal(restXmlCodec.encodeOutput(model, 'DeleteBucket', {}, 'rid').status, 204);
    const loc = restXmlCodec.encodeOutput(model, 'GetBucketLocation', { LocationConstraint: 'eu-west-1' }, 'rid');
    assert.match(String(loc.body), /<LocationConstraint xmlns="[^"]+">eu-west-1<\/LocationConstraint>$/);
    const err = restXmlCodec.encodeError(model, new ProtocolError('NoSuchKey', 'The specified key does not exist.', 404, { Key: 'k' }), 'rid');
    assert.equal(err.status, 404);
    assert.equal(err.headers['x-amz-request-id'], 'rid');
    assert.match(String(err.body), /<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist.<\/Message><Key>k<\/Key><RequestId>rid<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/);
    const big = restXmlCodec.encodeError(model, new ProtocolError('RequestEntityTooLarge', 'x', 413), 'rid');
    assert.match(String(big.body), /<Code>EntityTooLarge<\/Code>/);
  });
});

describe('s3 rules', () => {
  it('bucket names', () => {
    for (const ok of ['abc', 'my.bucket-1', 'a'.repeat(63)]) assert.equal(bucketNameProblem(ok), false, ok);
    for (const bad of ['ab', 'ABC', 'a..b', '-ab', 'ab-', '10.0.0.1', 'xn--ab', 'sthree-x', 'ab-s3alias', 'a_b', 'a'.repeat(64)]) assert.equal(bucketNameProblem(bad), true, bad);
  });
  it('ranges', () => {
    assert.deepEqual(parseRange('bytes=0-4', 10), [0, 4]);
    assert.deepEqual(parseRange('bytes=5-', 10), [5, 9]);
    assert.deepEqual(parseRange('bytes=-3', 10), [7, 9]);
    assert.deepEqual(parseRange('bytes=8-100', 10), [8, 9]);
    assert.equal(parseRange('bytes=5-2', 10), undefined);
    assert.equal(parseRange('items=1-2', 10), undefined);
    assert.throws(() => parseRange('bytes=10-', 10), (e: ProtocolError) => e.code === 'InvalidRange');
  });
  it('lists with a delimiter, counting each common prefix once', async () => {
    const store = createMemoryStore();
    await store.write(async (tx) => {
      for (const key of ['a/1', 'a/2', 'b', 'c/1', 'c/2/3', 'd']) {
        writeObject(tx, { bucket: 'bk', key, bodyId: key, size: 0, etag: '""', lastModifiedMs: 0, contentType: 't', headers: {}, metadata: {}, checksums: {}, sse: { kind: 'AES256', sealedKey: '' } });
      }
    });
    const page = await store.read((tx) => listKeys(tx, 'bk', '', '/', undefined, 3));
    assert.deepEqual(page.prefixes, ['a/', 'c/']);
    assert.deepEqual(page.contents.map((c) => c.key), ['b']);
    assert.equal(page.truncated, true);
    const rest = await store.read((tx) => listKeys(tx, 'bk', '', '/', `${page.last!}\u{10FFFF}`, 3));
    assert.deepEqual(rest.contents.map((c) => c.key), ['d']);
    assert.equal(rest.truncated, false);
  });
});

describe('s3 internal write API (service principals)', () => {
  const trailArn = 'arn:aws:cloudtrail:us-east-1:000000000000:trail/t';
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AWSCloudTrailAclCheck', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:GetBucketAcl', Resource: 'arn:aws:s3:::trail-bucket', Condition: { StringEquals: { 'aws:SourceArn': trailArn } } },
      { Sid: 'AWSCloudTrailWrite', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::trail-bucket/AWSLogs/000000000000/*', Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } } },
      { Sid: 'NoSecrets', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::trail-bucket/AWSLogs/000000000000/secret/*' },
    ],
  });
  const call = { service: 'cloudtrail.amazonaws.com', sourceArn: trailArn, sourceAccount: '000000000000', conditions: { 's3:x-amz-acl': 'bucket-owner-full-control' } };

  it('writes as the service when the bucket policy allows it, encrypted, readable back', async () => {
    const store = createMemoryStore();
    const barrier = await Barrier.open(store, randomBytes(32));
    await store.write(async (tx) => writeBucket(tx, { name: 'trail-bucket', account: '000000000000', region: 'us-east-1', createdMs: 0, policy }));
    const key = 'AWSLogs/000000000000/CloudTrail/us-east-1/2026/11/23/x.json.gz';
    const r = await store.write((tx) => putObjectAs({ tx, dataDir: undefined, clock: systemClock, barrier }, { bucket: 'trail-bucket', key, body: Buffer.from('log'), contentType: 'application/x-gzip' }, call));
    assert.match(r.etag, /^"[0-9a-f]{32}"$/);
    const back = await store.read((tx) => readObjectUnchecked({ tx, dataDir: undefined, barrier }, 'trail-bucket', key));
    assert.equal(back.body.toString(), 'log');
    assert.equal(back.contentType, 'application/x-gzip');
    await store.read((tx) => checkBucketAccessAs(tx, 'trail-bucket', 's3:GetBucketAcl', call));
  });

  it('refuses without a matching allow, on an explicit deny, a wrong SourceArn or a missing bucket; writes nothing', async () => {
    const store = createMemoryStore();
    const barrier = await Barrier.open(store, randomBytes(32));
    await store.write(async (tx) => writeBucket(tx, { name: 'trail-bucket', account: '000000000000', region: 'us-east-1', createdMs: 0, policy }));
    await store.write(async (tx) => writeBucket(tx, { name: 'no-policy', account: '000000000000', region: 'us-east-1', createdMs: 0 }));
    const env = (tx: never) => ({ tx, dataDir: undefined, clock: systemClock, barrier });
    const attempt = (bucket: string, key: string, c = call) => store.write((tx) => putObjectAs(env(tx as never), { bucket, key, body: Buffer.from('x') }, c));
    const refused = (kind: string) => (e: unknown) => e instanceof S3AccessRefused && e.kind === kind;
    await assert.rejects(attempt('trail-bucket', 'elsewhere/x'), refused('AccessDenied'));
    await assert.rejects(attempt('trail-bucket', 'AWSLogs/000000000000/secret/x'), refused('AccessDenied'));
    await assert.rejects(attempt('trail-bucket', 'AWSLogs/000000000000/x', { ...call, sourceArn: 'arn:aws:cloudtrail:us-east-1:000000000000:trail/other' }), refused('AccessDenied'));
    await assert.rejects(attempt('trail-bucket', 'AWSLogs/000000000000/x', { ...call, service: 'config.amazonaws.com' }), refused('AccessDenied'));
    await assert.rejects(attempt('no-policy', 'AWSLogs/000000000000/x'), refused('AccessDenied'));
    await assert.rejects(attempt('missing-bucket', 'k'), refused('NoSuchBucket'));
    const rows = await store.read((tx) => tx.scan('s3/global/global/object/'));
    assert.equal(rows.length, 0);
  });

  it('service access: the delivery check, a sink writing gzipped JSON with metadata, a reader that answers undefined for what is not there', async () => {
    const store = createMemoryStore();
    const barrier = await Barrier.open(store, randomBytes(32));
    await store.write(async (tx) => writeBucket(tx, { name: 'trail-bucket', account: '000000000000', region: 'us-east-1', createdMs: 0, policy }));
    await store.write(async (tx) => writeBucket(tx, { name: 'no-policy', account: '000000000000', region: 'us-east-1', createdMs: 0 }));
    const check = (bucket: string, pattern: string, c = call) => store.read((tx) => serviceDeliveryRefusal(tx, bucket, pattern, c));
    assert.equal(await check('trail-bucket', 'AWSLogs/000000000000/*'), undefined);
    assert.equal((await check('trail-bucket', 'pre/AWSLogs/000000000000/*'))?.refused, 'AccessDenied');
    assert.equal((await check('trail-bucket', 'AWSLogs/000000000000/*', { ...call, sourceArn: `${trailArn}2` }))?.refused, 'AccessDenied');
    assert.match((await check('no-policy', 'AWSLogs/000000000000/*'))!.reason, /s3:GetBucketAcl .*no bucket policy/);
    assert.equal((await check('missing-bucket', 'AWSLogs/000000000000/*'))?.refused, 'NoSuchBucket');
    const sink = serviceObjectSink({ store, clock: systemClock, barrier, config: parseConfig(['--in-memory']), dataDir: undefined });
    const key = 'AWSLogs/000000000000/CloudTrail-Digest/us-east-1/2026/11/23/d.json.gz';
    await sink.put('trail-bucket', key, Buffer.from('digest'), { Signature: 'ab' }, call);
    await assert.rejects(sink.put('no-policy', 'AWSLogs/000000000000/x', Buffer.from('x'), {}, call), (e: unknown) => e instanceof S3AccessRefused && e.kind === 'AccessDenied');
    const raw = await store.read((tx) => readObjectUnchecked({ tx, dataDir: undefined, barrier }, 'trail-bucket', key));
    assert.equal(raw.contentType, 'application/json');
    const reader = serviceObjectReader({ store, barrier, dataDir: undefined });
    const back = await reader.get('trail-bucket', key);
    assert.equal(Buffer.from(back!.body).toString(), 'digest');
    assert.deepEqual(back!.metadata, { signature: 'ab' });
    assert.equal(await reader.get('trail-bucket', 'nothing'), undefined);
    assert.equal(await reader.get('missing-bucket', key), undefined);
  });
});

describe('s3 body sweeper', () => {
  it('removes body files no row refers to once they are old, keeps the rest', async () => {
    const { mkdtempSync, mkdirSync, writeFileSync, existsSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { parseConfig } = await import('../../../src/config/config.js');
    const { sweepBodies, storeBody } = await import('../../../src/services/s3/bodies.js');
    const dir = mkdtempSync(join(tmpdir(), 'warden-sweep-'));
    try {
      const store = createMemoryStore();
      const live = 'a'.repeat(32);
      const orphan = 'b'.repeat(32);
      await store.write((tx) => storeBody(tx, dir, Buffer.alloc(32), 'b', 'k', Buffer.from('plain'), live));
      mkdirSync(join(dir, 's3'), { recursive: true });
      writeFileSync(join(dir, 's3', orphan), 'x');
      const env = (offsetMs: number) => ({
        store,
        clock: { now: () => Date.now() + offsetMs },
        barrier: { seal: (_k: string, b: Uint8Array) => b, unseal: (_k: string, b: Uint8Array) => b },
        config: parseConfig(['--data-dir', dir], {}),
        log: { warn() {}, error() {} },
      });
      await sweepBodies.run(env(0));
      assert.ok(existsSync(join(dir, 's3', orphan)), 'a fresh orphan may belong to a request not yet committed');
      await sweepBodies.run(env(11 * 60_000));
      assert.ok(!existsSync(join(dir, 's3', orphan)));
      assert.ok(existsSync(join(dir, 's3', live)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('s3 routing and payload signing', () => {
  it('routes S3 by scope, host and shape; leaves RPC requests alone', async () => {
    const { Router } = await import('../../../src/pipeline/router.js');
    const { SERVICES } = await import('../../../src/services/registry.js');
    const router = new Router(SERVICES);
    const signed = (service: string) => ({ authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00` });
    assert.equal(router.route(req('PUT', '/b/k', '', signed('s3'))).service.name, 's3');
    assert.equal(router.route(req('POST', '/b', 'delete', signed('s3'))).service.name, 's3');
    assert.equal(router.route(req('GET', '/k', '', { host: 'bucket.s3.localhost:4566' })).service.name, 's3');
    assert.equal(router.route(req('GET', '/b/k')).service.name, 's3');
    assert.equal(router.route(req('POST', '/', '', { ...signed('sts'), 'content-type': 'application/x-www-form-urlencoded' }, 'Action=GetCallerIdentity&Version=2011-06-15')).service.name, 'sts');
    assert.equal(router.route(req('GET', '/', 'Action=GetCallerIdentity&Version=2011-06-15')).service.name, 'sts');
    assert.equal(router.route(req('POST', '/', '', { 'x-amz-target': 'TrentService.ListKeys', 'content-type': 'application/x-amz-json-1.1' }, '{}')).service.name, 'kms');
  });

  it('takes x-amz-content-sha256 as the payload hash, checks it against the body, marks aws-chunked for decoding', async () => {
    const { s3PayloadHash, s3PayloadMismatch } = await import('../../../src/auth/s3-payload.js');
    const { createHash } = await import('node:crypto');
    const auth = { presigned: false } as never;
    const body = 'payload';
    const sha = createHash('sha256').update(body).digest('hex');
    assert.deepEqual(s3PayloadHash(req('PUT', '/b/k', '', { 'x-amz-content-sha256': sha }, body), auth), { payloadHash: sha });
    assert.deepEqual(s3PayloadHash(req('PUT', '/b/k', '', { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' }, body), auth), { payloadHash: 'UNSIGNED-PAYLOAD' });
    assert.equal((s3PayloadHash(req('PUT', '/b/k', '', {}, body), auth) as ProtocolError).code, 'InvalidRequest');
    assert.equal((s3PayloadHash(req('PUT', '/b/k', '', { 'x-amz-content-sha256': 'zz' }, body), auth) as ProtocolError).code, 'InvalidArgument');
    assert.deepEqual(s3PayloadHash(req('PUT', '/b/k', '', { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' }, body), auth), { payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', streaming: true });
    assert.equal((s3PayloadHash(req('PUT', '/b/k', '', { 'x-amz-content-sha256': sha, 'content-encoding': 'aws-chunked' }, body), auth) as ProtocolError).code, 'InvalidArgument');
    assert.deepEqual(s3PayloadHash(req('GET', '/b/k'), { presigned: true } as never), {});
    assert.equal(s3PayloadMismatch(req('PUT', '/b/k', '', {}, body), sha), null);
    assert.equal(s3PayloadMismatch(req('PUT', '/b/k', '', {}, 'other'), sha)?.code, 'XAmzContentSHA256Mismatch');
    assert.equal(s3PayloadMismatch(req('PUT', '/b/k', '', {}, 'other'), 'UNSIGNED-PAYLOAD'), null);
  });
});

describe('s3 upload ids', () => {
  it('are 64 base64url characters that never start with - or _ (a command line would take them for options)', async () => {
    const { newUploadId } = await import('../../../src/services/s3/multipart.js');
    for (let i = 0; i < 5000; i++) {
      const id = newUploadId();
      assert.match(id, /^[A-Za-z0-9][A-Za-z0-9_-]{63}$/);
    }
  });
});
