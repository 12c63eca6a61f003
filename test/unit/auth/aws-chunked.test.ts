import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  AwsChunkedDecoder, chunkSignature, chunkSigning, decodeAwsChunked, isStreamingPayload, STREAMING_SIGNED, STREAMING_SIGNED_TRAILER,
  STREAMING_UNSIGNED_TRAILER, trailerSignature, type AwsChunkedBody, type AwsChunkedError, type ChunkSigning,
} from '../../../src/auth/aws-chunked.js';
import { parseAuth, signingKey, verifySignature, type ParsedAuth, type SignedRequest } from '../../../src/auth/sigv4.js';
import { checksumBase64 } from '../../../src/crypto/checksums.js';
import { CaptureServer, signer } from './sigv4-helpers.js';

// AWS's documented example (S3 API Reference, "Transferring Payload in Multiple Chunks", Example: PUT Object).
const AWS = {
  secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  amzDate: '20130524T000000Z',
  scope: '20130524/us-east-1/s3/aws4_request',
  seed: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
  chunks: [
    [65536, 'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648'],
    [1024, '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497'],
    [0, 'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9'],
  ] as const,
};
const awsSigning: ChunkSigning = { seedSignature: AWS.seed, signingKey: signingKey(AWS.secret, '20130524', 'us-east-1', 's3'), amzDate: AWS.amzDate, scope: AWS.scope };

function awsExampleBody(): Buffer {
  const parts: Buffer[] = [];
  for (const [size, sig] of AWS.chunks) {
    parts.push(Buffer.from(`${size.toString(16)};chunk-signature=${sig}\r\n`), Buffer.alloc(size, 'a'), Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

const ok = (r: AwsChunkedBody | AwsChunkedError): AwsChunkedBody => {
  if (!r.ok) assert.fail(`${r.kind}: ${r.message}`);
  return r;
};
const err = (r: AwsChunkedBody | AwsChunkedError): AwsChunkedError => {
  if (r.ok) assert.fail('expected an error');
  return r;
};

describe('aws-chunked: AWS documented example', () => {
  it('the seed signature is the request signature over STREAMING-AWS4-HMAC-SHA256-PAYLOAD (S3 canonical form)', () => {
    const req: SignedRequest = {
      method: 'PUT', rawPath: '/examplebucket/chunkObject.txt', rawQuery: '',
      headers: {
        host: 's3.amazonaws.com', 'x-amz-date': AWS.amzDate, 'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        'x-amz-content-sha256': STREAMING_SIGNED, 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '66560', 'content-length': '66824',
        authorization: `AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/${AWS.scope}, SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class, Signature=${AWS.seed}`,
      },
      body: awsExampleBody(),
    };
    const auth = parseAuth(req) as ParsedAuth;
    assert.equal(verifySignature(req, auth, AWS.secret, Date.UTC(2013, 4, 24), { payloadHash: STREAMING_SIGNED }), null);
    assert.deepEqual(chunkSigning(auth, AWS.secret), awsSigning);
  });

  it('computes each documented chunk signature in the chain', () => {
    let previous = AWS.seed;
    for (const [size, sig] of AWS.chunks) {
      assert.equal(chunkSignature(awsSigning, previous, Buffer.alloc(size, 'a')), sig);
      previous = sig;
    }
  });

  it('decodes the documented body (66,824 bytes on the wire) to its 66,560 bytes', () => {
    const body = awsExampleBody();
    assert.equal(body.length, 66824);
    const r = ok(decodeAwsChunked(body, { contentSha256: STREAMING_SIGNED, decodedContentLength: '66560', signing: awsSigning }));
    assert.equal(r.payload.length, 66560);
    assert.ok(r.payload.equals(Buffer.alloc(66560, 'a')));
    assert.deepEqual(r.trailers, {});
  });

  it('refuses a tampered chunk, a swapped signature, a wrong seed and a wrong key', () => {
    const body = awsExampleBody();
    const tampered = Buffer.from(body);
    tampered[200] = 'b'.charCodeAt(0);
    const opts = { contentSha256: STREAMING_SIGNED, decodedContentLength: '66560', signing: awsSigning };
    assert.equal(err(decodeAwsChunked(tampered, opts)).kind, 'SignatureDoesNotMatch');
    const e = err(decodeAwsChunked(Buffer.from(body.toString('latin1').replace(AWS.chunks[1][1], AWS.chunks[0][1]), 'latin1'), opts));
    assert.deepEqual([e.kind, e.status, e.message], ['SignatureDoesNotMatch', 403, 'The request signature we calculated does not match the signature you provided. Check your key and signing method.']);
    assert.equal(err(decodeAwsChunked(body, { ...opts, signing: { ...awsSigning, seedSignature: AWS.chunks[0][1] } })).kind, 'SignatureDoesNotMatch');
    assert.equal(err(decodeAwsChunked(body, { ...opts, signing: { ...awsSigning, signingKey: signingKey('other', '20130524', 'us-east-1', 's3') } })).kind, 'SignatureDoesNotMatch');
    // The final, empty chunk is signed too: dropping its signature fails.
    const noFinalSig = Buffer.from(body.toString('latin1').replace(`0;chunk-signature=${AWS.chunks[2][1]}`, '0'), 'latin1');
    assert.equal(err(decodeAwsChunked(noFinalSig, opts)).kind, 'SignatureDoesNotMatch');
  });

  it('refuses a wrong or missing x-amz-decoded-content-length and a truncated body', () => {
    const body = awsExampleBody();
    const opts = { contentSha256: STREAMING_SIGNED, signing: awsSigning };
    const short = err(decodeAwsChunked(body, { ...opts, decodedContentLength: '66561' }));
    assert.deepEqual([short.kind, short.status], ['IncompleteBody', 400]);
    assert.equal(err(decodeAwsChunked(body, { ...opts, decodedContentLength: '100' })).kind, 'IncompleteBody');
    assert.equal(err(decodeAwsChunked(body, { ...opts, decodedContentLength: undefined })).kind, 'MissingContentLength');
    assert.equal(err(decodeAwsChunked(body, { ...opts, decodedContentLength: 'abc' })).kind, 'MissingContentLength');
    assert.equal(err(decodeAwsChunked(body.subarray(0, 60000), { ...opts, decodedContentLength: '66560' })).kind, 'IncompleteBody');
    assert.equal(err(decodeAwsChunked(body.subarray(0, 66824 - 90), { ...opts, decodedContentLength: '66560' })).kind, 'IncompleteBody');
  });

  it('signs trailing headers as the AWS CRT test vector does (first/second/third after the final chunk)', () => {
    const trailers = [['first', '1st'], ['second', '2nd'], ['third', '3rd']] as const;
    assert.equal(trailerSignature(awsSigning, AWS.chunks[2][1], trailers), 'df5735bd9f3295cd9386572292562fefc93ba94e80a0a1ddcbd652c4e0a75e6c');
    const body = Buffer.concat([
      awsExampleBody().subarray(0, 66824 - 2), // without the final empty line
      Buffer.from(`${trailers.map(([n, v]) => `${n}:${v}\r\n`).join('')}x-amz-trailer-signature:df5735bd9f3295cd9386572292562fefc93ba94e80a0a1ddcbd652c4e0a75e6c\r\n\r\n`),
    ]);
    const r = ok(decodeAwsChunked(body, { contentSha256: STREAMING_SIGNED_TRAILER, decodedContentLength: '66560', declaredTrailer: 'first,second,third', signing: awsSigning }));
    assert.deepEqual(r.trailers, { first: '1st', second: '2nd', third: '3rd' });
    const forged = Buffer.from(body.toString('latin1').replace('third:3rd', 'third:4th'), 'latin1');
    assert.equal(err(decodeAwsChunked(forged, { contentSha256: STREAMING_SIGNED_TRAILER, decodedContentLength: '66560', signing: awsSigning })).kind, 'SignatureDoesNotMatch');
  });
});

const sha256hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A signed aws-chunked body whose every signature comes from Smithy's SignatureV4 (the SDK's signer). */
async function smithySignedBody(data: Buffer, sizes: number[], trailer?: [string, string]): Promise<{ body: Buffer; signing: ChunkSigning }> {
  const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'smithy-secret' };
  const date = new Date();
  const s = signer('s3', 'eu-west-1', creds);
  const contentSha256 = trailer ? STREAMING_SIGNED_TRAILER : STREAMING_SIGNED;
  const signed = await s.sign({
    method: 'PUT', protocol: 'https:', hostname: 'bkt.s3.localhost', path: '/key', query: {},
    headers: { host: 'bkt.s3.localhost', 'x-amz-content-sha256': contentSha256, 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(data.length) },
  }, { signingDate: date });
  const auth = parseAuth({ method: 'PUT', rawPath: '/key', rawQuery: '', headers: signed.headers, body: Buffer.alloc(0) }) as ParsedAuth;
  const signing = chunkSigning(auth, creds.secretAccessKey);
  const stringSign = (str: string) => s.sign(str, { signingDate: date, signingRegion: 'eu-west-1', signingService: 's3' });
  const parts: Buffer[] = [];
  let previous = auth.signature;
  let offset = 0;
  for (const size of [...sizes, 0]) {
    const chunk = data.subarray(offset, offset + size);
    offset += size;
    const sig = await stringSign(`AWS4-HMAC-SHA256-PAYLOAD\n${auth.amzDate}\n${auth.scope}\n${previous}\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n${sha256hex(chunk)}`);
    parts.push(Buffer.from(`${size.toString(16)};chunk-signature=${sig}\r\n`), chunk);
    if (size > 0 || trailer === undefined) parts.push(Buffer.from('\r\n'));
    previous = sig;
  }
  if (trailer !== undefined) {
    const line = `${trailer[0]}:${trailer[1]}\n`;
    const sig = await stringSign(`AWS4-HMAC-SHA256-TRAILER\n${auth.amzDate}\n${auth.scope}\n${previous}\n${sha256hex(Buffer.from(line))}`);
    parts.push(Buffer.from(`${trailer[0]}:${trailer[1]}\r\nx-amz-trailer-signature:${sig}\r\n\r\n`));
  }
  return { body: Buffer.concat(parts), signing };
}

describe('aws-chunked: bodies signed by Smithy SignatureV4', () => {
  it('round-trips random data in uneven chunks, with and without a checksum trailer', async () => {
    const data = randomBytes(40_000);
    const plain = await smithySignedBody(data, [8192, 20_000, 11_808]);
    const r = ok(decodeAwsChunked(plain.body, { contentSha256: STREAMING_SIGNED, decodedContentLength: '40000', signing: plain.signing }));
    assert.ok(r.payload.equals(data));

    const crc = checksumBase64('CRC32C', data);
    const t = await smithySignedBody(data, [30_000, 10_000], ['x-amz-checksum-crc32c', crc]);
    const rt = ok(decodeAwsChunked(t.body, { contentSha256: STREAMING_SIGNED_TRAILER, decodedContentLength: '40000', declaredTrailer: 'x-amz-checksum-crc32c', signing: t.signing }));
    assert.ok(rt.payload.equals(data));
    assert.deepEqual(rt.trailers, { 'x-amz-checksum-crc32c': crc });
  });

  it('refuses a signed chunk under 8 KiB that is not the last', async () => {
    const data = randomBytes(20_000);
    const b = await smithySignedBody(data, [4000, 16_000]);
    const e = err(decodeAwsChunked(b.body, { contentSha256: STREAMING_SIGNED, decodedContentLength: '20000', signing: b.signing }));
    assert.equal(e.kind, 'InvalidChunkSizeError');
    const last = await smithySignedBody(data, [16_000, 4000]); // a short last chunk is fine
    ok(decodeAwsChunked(last.body, { contentSha256: STREAMING_SIGNED, decodedContentLength: '20000', signing: last.signing }));
  });

  it('refuses a signed trailer whose checksum does not match the data, or that is not the declared one', async () => {
    const data = randomBytes(9000);
    const t = await smithySignedBody(data, [9000], ['x-amz-checksum-crc32', checksumBase64('CRC32', Buffer.from('other'))]);
    const e = err(decodeAwsChunked(t.body, { contentSha256: STREAMING_SIGNED_TRAILER, decodedContentLength: '9000', signing: t.signing }));
    assert.deepEqual([e.kind, e.status], ['BadDigest', 400]);
    const good = await smithySignedBody(data, [9000], ['x-amz-checksum-crc32', checksumBase64('CRC32', data)]);
    const m = err(decodeAwsChunked(good.body, { contentSha256: STREAMING_SIGNED_TRAILER, decodedContentLength: '9000', declaredTrailer: 'x-amz-checksum-sha256', signing: good.signing }));
    assert.equal(m.kind, 'MalformedTrailerError');
  });
});

describe('aws-chunked: the SDK v3 S3 client (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', () => {
  const capture = new CaptureServer();
  before(() => capture.start());
  after(() => capture.stop());

  async function upload(body: Buffer, checksum: 'CRC32' | 'CRC32C' | 'SHA256' | 'SHA1'): Promise<SignedRequest> {
    const s3 = new S3Client({ endpoint: `http://${capture.host}`, forcePathStyle: true, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    // A stream body makes the SDK send aws-chunked with the checksum as a trailer.
    await s3.send(new PutObjectCommand({ Bucket: 'bkt', Key: 'dir/a b.txt', Body: Readable.from([body.subarray(0, 1000), body.subarray(1000)]), ContentLength: body.length, ChecksumAlgorithm: checksum }));
    return capture.last();
  }

  for (const algorithm of ['CRC32', 'CRC32C', 'SHA256', 'SHA1'] as const) {
    it(`decodes the SDK's body and checks its ${algorithm} trailer; the seed signature verifies`, async () => {
      const data = randomBytes(70_000);
      const req = await upload(data, algorithm);
      const h = (n: string) => req.headers[n] as string | undefined;
      assert.equal(h('content-encoding'), 'aws-chunked');
      assert.equal(h('x-amz-content-sha256'), STREAMING_UNSIGNED_TRAILER);
      assert.ok(isStreamingPayload(h('x-amz-content-sha256')));
      const auth = parseAuth(req) as ParsedAuth;
      assert.equal(verifySignature(req, auth, 'test', Date.now(), { payloadHash: h('x-amz-content-sha256')! }), null);
      const r = ok(decodeAwsChunked(req.body as Buffer, { contentSha256: h('x-amz-content-sha256')!, decodedContentLength: h('x-amz-decoded-content-length'), declaredTrailer: h('x-amz-trailer') }));
      assert.ok(r.payload.equals(data));
      assert.deepEqual(Object.keys(r.trailers), [`x-amz-checksum-${algorithm.toLowerCase()}`]);

      // One flipped payload byte: the trailer checksum catches it (nothing is signed).
      const body = Buffer.from(req.body);
      const at = body.indexOf('\r\n') + 10;
      body[at] = body[at]! ^ 1;
      assert.equal(err(decodeAwsChunked(body, { contentSha256: STREAMING_UNSIGNED_TRAILER, decodedContentLength: h('x-amz-decoded-content-length') })).kind, 'BadDigest');
      assert.equal(err(decodeAwsChunked(req.body as Buffer, { contentSha256: STREAMING_UNSIGNED_TRAILER, decodedContentLength: '69999' })).kind, 'IncompleteBody');
    });
  }

  it('refuses framing errors: a size that is not hex, a missing CRLF, a broken trailer line, bytes after the end', () => {
    const good = Buffer.from('5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n');
    const o = { contentSha256: STREAMING_UNSIGNED_TRAILER, decodedContentLength: '5' };
    assert.equal(ok(decodeAwsChunked(good, o)).payload.toString(), 'hello');
    assert.equal(err(decodeAwsChunked(Buffer.from('zz\r\nhello\r\n0\r\n\r\n'), o)).kind, 'InvalidChunkSizeError');
    assert.equal(err(decodeAwsChunked(Buffer.from('5\r\nhelloXY0\r\n\r\n'), o)).kind, 'InvalidArgument');
    assert.equal(err(decodeAwsChunked(Buffer.from('5\r\nhello\r\n0\r\nno-colon\r\n\r\n'), o)).kind, 'MalformedTrailerError');
    assert.equal(err(decodeAwsChunked(Buffer.concat([good, Buffer.from('x')]), o)).kind, 'InvalidArgument');
    assert.equal(err(decodeAwsChunked(Buffer.from('5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n'), o)).kind, 'BadDigest');
    assert.equal(err(decodeAwsChunked(good, { ...o, contentSha256: 'UNSIGNED-PAYLOAD' })).kind, 'InvalidRequest');
  });
});

describe('aws-chunked: the incremental decoder (streamed uploads)', () => {
  /** Pushes `body` in pieces of the given sizes (cycled), then ends. */
  function pushIn(body: Buffer, sizes: number[], opts: Parameters<typeof AwsChunkedDecoder.create>[0]): { payload: Buffer; trailers: Record<string, string> } | AwsChunkedError {
    const d = AwsChunkedDecoder.create(opts);
    if (!(d instanceof AwsChunkedDecoder)) return d;
    const out: Buffer[] = [];
    for (let at = 0, i = 0; at < body.length; i++) {
      const n = sizes[i % sizes.length]!;
      const r = d.push(body.subarray(at, at + n));
      if (!Array.isArray(r)) return r;
      out.push(...r);
      at += n;
    }
    const end = d.end();
    if ('ok' in end) return end;
    return { payload: Buffer.concat(out), trailers: { ...end.trailers } };
  }

  it('decodes the same payload however the body is split (1 byte at a time, across CRLFs and signatures)', async () => {
    const data = randomBytes(30_000);
    const crc = checksumBase64('CRC32C', data);
    const t = await smithySignedBody(data, [10_000, 12_000, 8000], ['x-amz-checksum-crc32c', crc]);
    const opts = { contentSha256: STREAMING_SIGNED_TRAILER, decodedContentLength: '30000', declaredTrailer: 'x-amz-checksum-crc32c', signing: t.signing };
    for (const sizes of [[1], [2, 3, 5], [81], [8192], [t.body.length]]) {
      const r = pushIn(t.body, sizes, opts);
      assert.ok(!('ok' in r), `split ${sizes.join(',')}: ${'ok' in r ? r.kind : ''}`);
      if ('ok' in r) continue;
      assert.ok(r.payload.equals(data));
      assert.deepEqual(r.trailers, { 'x-amz-checksum-crc32c': crc });
    }
    const doc = pushIn(awsExampleBody(), [7, 1000], { contentSha256: STREAMING_SIGNED, decodedContentLength: '66560', signing: awsSigning });
    assert.ok(!('ok' in doc) && doc.payload.equals(Buffer.alloc(66560, 'a')));
  });

  it('reports errors when the piece completing them arrives: tampered chunk, truncated body, bytes after the end', async () => {
    const data = randomBytes(20_000);
    const t = await smithySignedBody(data, [10_000, 10_000]);
    const opts = { contentSha256: STREAMING_SIGNED, decodedContentLength: '20000', signing: t.signing };
    const tampered = Buffer.from(t.body);
    tampered[15_000]! ^= 1;
    const e = pushIn(tampered, [4096], opts);
    assert.ok('ok' in e && e.kind === 'SignatureDoesNotMatch');
    const cut = pushIn(t.body.subarray(0, t.body.length - 50), [4096], opts);
    assert.ok('ok' in cut && cut.kind === 'IncompleteBody');
    const extra = pushIn(Buffer.concat([t.body, Buffer.from('x')]), [4096], opts);
    assert.ok('ok' in extra && extra.kind === 'InvalidArgument');
    const missing = AwsChunkedDecoder.create({ ...opts, decodedContentLength: undefined });
    assert.ok(!(missing instanceof AwsChunkedDecoder) && missing.kind === 'MissingContentLength');
  });
});
