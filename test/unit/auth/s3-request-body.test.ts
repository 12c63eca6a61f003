import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { s3RequestBody, s3UploadTooLarge, S3_MAX_UPLOAD } from '../../../src/auth/s3-payload.js';
import { ProtocolError } from '../../../src/core/errors.js';
import type { HttpRequest } from '../../../src/protocol/codec.js';

const req = (headers: Record<string, string>): HttpRequest => ({ method: 'PUT', rawPath: '/b/k', rawQuery: '', headers, body: Buffer.alloc(0) });
async function* pieces(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield Buffer.from(p);
}
async function drain(body: { chunks(): AsyncIterable<Uint8Array> }): Promise<string> {
  let s = '';
  for await (const c of body.chunks()) s += Buffer.from(c).toString();
  return s;
}
const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

describe('s3RequestBody: a streamed upload checked as it is read', () => {
  it('passes a body whose hash and length hold; refuses a wrong hash, a short body, a second read', async () => {
    const good = s3RequestBody(req({ 'content-length': '10', 'x-amz-content-sha256': sha('helloworld') }), pieces('hello', 'world'), { payloadHash: sha('helloworld') }, undefined, undefined);
    assert.ok(!(good instanceof ProtocolError));
    assert.equal(good.body.declaredLength, 10);
    assert.equal(await drain(good.body), 'helloworld');
    assert.equal(good.body.consumed, true);
    await assert.rejects(drain(good.body), /already read/);

    const wrong = s3RequestBody(req({ 'content-length': '10' }), pieces('hello', 'WORLD'), { payloadHash: sha('helloworld') }, undefined, undefined);
    assert.ok(!(wrong instanceof ProtocolError));
    await assert.rejects(drain(wrong.body), (e: ProtocolError) => e.code === 'XAmzContentSHA256Mismatch' && e.fields['S3ComputedContentSHA256'] === sha('helloWORLD'));

    const short = s3RequestBody(req({ 'content-length': '11' }), pieces('helloworld'), { payloadHash: 'UNSIGNED-PAYLOAD' }, undefined, undefined);
    assert.ok(!(short instanceof ProtocolError));
    await assert.rejects(drain(short.body), (e: ProtocolError) => e.code === 'IncompleteBody' && e.httpStatus === 400);

    async function* broken(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('he');
      throw new Error('aborted');
    }
    const gone = s3RequestBody(req({ 'content-length': '10' }), broken(), {}, undefined, undefined);
    assert.ok(!(gone instanceof ProtocolError));
    await assert.rejects(drain(gone.body), (e: ProtocolError) => e.code === 'IncompleteBody');
  });

  it('aws-chunked: decoded as read, the operation sees the decoded length; trailers only when declared', async () => {
    const headers = { 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'content-encoding': 'aws-chunked,gzip', 'x-amz-decoded-content-length': '5', 'x-amz-trailer': 'x-amz-checksum-crc32' };
    const r = s3RequestBody(req(headers), pieces('5\r\nhel', 'lo\r\n0\r\nx-amz-checksum-crc32:', 'NhCmhg==\r\n\r\n'), { payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', streaming: true }, undefined, undefined);
    assert.ok(!(r instanceof ProtocolError));
    assert.equal(r.request.headers['content-length'], '5');
    assert.equal(r.request.headers['content-encoding'], 'gzip');
    assert.deepEqual(r.body.declaredTrailers, ['x-amz-checksum-crc32']);
    assert.equal(await drain(r.body), 'hello');
    assert.deepEqual(r.body.trailers, { 'x-amz-checksum-crc32': 'NhCmhg==' });

    const undeclared = s3RequestBody(req({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '5' }), pieces('5\r\nhello\r\n0\r\nx-amz-checksum-crc32:NhCmhg==\r\n\r\n'), { streaming: true }, undefined, undefined);
    assert.ok(!(undeclared instanceof ProtocolError));
    await assert.rejects(drain(undeclared.body), (e: ProtocolError) => e.code === 'MalformedTrailerError');

    const missing = s3RequestBody(req({ 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'content-encoding': 'aws-chunked' }), pieces(), { streaming: true }, undefined, undefined);
    assert.ok(missing instanceof ProtocolError && missing.code === 'MissingContentLength');
  });

  it('an upload declared over 5 GB is EntityTooLarge (Content-Length or x-amz-decoded-content-length)', () => {
    assert.equal(s3UploadTooLarge(req({ 'content-length': String(S3_MAX_UPLOAD) })), null);
    const e = s3UploadTooLarge(req({ 'content-length': String(S3_MAX_UPLOAD + 1) }));
    assert.deepEqual([e?.code, e?.httpStatus, e?.fields['MaxSizeAllowed']], ['EntityTooLarge', 400, S3_MAX_UPLOAD]);
    assert.equal(s3UploadTooLarge(req({ 'content-length': '100', 'x-amz-decoded-content-length': String(6 * 1024 ** 3) }))?.code, 'EntityTooLarge');
  });
});
