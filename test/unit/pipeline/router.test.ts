import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HttpRequest } from '../../../src/protocol/codec.js';
import { Router } from '../../../src/pipeline/router.js';
import { SERVICES } from '../../../src/services/registry.js';

const s3Auth = 'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00';
const req = (path: string, headers: Record<string, string>, method = 'GET'): HttpRequest => ({ method, rawPath: path, rawQuery: '', headers, body: new Uint8Array() });

describe('router: S3 Control beside S3', () => {
  const router = new Router(SERVICES);
  const serviceOf = (r: HttpRequest) => router.route(r).service.name;

  it('sends /v20180820/ requests naming an account to S3 Control', () => {
    assert.equal(serviceOf(req('/v20180820/configuration/publicAccessBlock', { host: 'localhost:4566', authorization: s3Auth, 'x-amz-account-id': '000000000000' }, 'PUT')), 's3control');
    // The host prefix the SDKs and CLIs add is enough.
    assert.equal(serviceOf(req('/v20180820/configuration/publicAccessBlock', { host: '000000000000.localhost:4566', authorization: s3Auth })), 's3control');
    // Unsigned: still S3 Control (which answers S3's authentication error).
    assert.equal(serviceOf(req('/v20180820/configuration/publicAccessBlock', { host: 'localhost:4566', 'x-amz-account-id': '000000000000' })), 's3control');
  });

  it('keeps S3 requests S3\'s: a bucket named v20180820, a 12-digit virtual-hosted bucket, other paths', () => {
    assert.equal(serviceOf(req('/v20180820/configuration/publicAccessBlock', { host: 'localhost:4566', authorization: s3Auth })), 's3');
    assert.equal(serviceOf(req('/v20180820/x', { host: '123456789012.s3.localhost:4566', authorization: s3Auth })), 's3');
    assert.equal(serviceOf(req('/bucket/key', { host: 'localhost:4566', authorization: s3Auth, 'x-amz-account-id': '000000000000' })), 's3');
  });
});
