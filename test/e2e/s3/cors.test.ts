import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { CreateBucketCommand, DeleteBucketCorsCommand, GetBucketCorsCommand, PutBucketCorsCommand, PutObjectCommand, type CORSRule } from '@aws-sdk/client-s3';
import { rawS3, rejects, userClient, useWarden } from './helpers.js';

const NOT_ALLOWED = "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.";

const RULES: CORSRule[] = [
  { ID: 'app', AllowedOrigins: ['https://app.example.com'], AllowedMethods: ['GET', 'PUT'], AllowedHeaders: ['content-type', 'x-amz-*'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 600 },
  { AllowedOrigins: ['*'], AllowedMethods: ['GET'] },
];

/** An unsigned request as a browser sends it (node:http, so that Origin is sent as given). */
function browser(url: string, method: string, path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('s3 CORS', () => {
  const t = useWarden();

  it('Put/Get/DeleteBucketCors and NoSuchCORSConfiguration', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'cors-basic' }));
    await rejects(t.s3.send(new GetBucketCorsCommand({ Bucket: 'cors-basic' })), 'NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404);
    await t.s3.send(new PutBucketCorsCommand({ Bucket: 'cors-basic', CORSConfiguration: { CORSRules: RULES } }));
    const ev = await t.w.lastEvent('PutBucketCors');
    assert.equal(ev['eventSource'], 's3.amazonaws.com');
    assert.equal(ev['requestParameters']['bucketName'], 'cors-basic');
    assert.equal(ev['requestParameters']['cors'], '');
    assert.equal(ev['requestParameters']['CORSConfiguration']['CORSRule'].length, 2);
    const got = await t.s3.send(new GetBucketCorsCommand({ Bucket: 'cors-basic' }));
    assert.deepEqual(got.CORSRules, RULES);
    assert.equal((await t.w.lastEvent('GetBucketCors'))['readOnly'], true);
    await t.s3.send(new DeleteBucketCorsCommand({ Bucket: 'cors-basic' }));
    assert.equal((await t.w.lastEvent('DeleteBucketCors'))['errorCode'], undefined);
    await rejects(t.s3.send(new GetBucketCorsCommand({ Bucket: 'cors-basic' })), 'NoSuchCORSConfiguration');
  });

  it('refuses invalid configurations and keeps the rules', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'cors-bad' }));
    await t.s3.send(new PutBucketCorsCommand({ Bucket: 'cors-bad', CORSConfiguration: { CORSRules: RULES } }));
    const put = (rules: CORSRule[]) => t.s3.send(new PutBucketCorsCommand({ Bucket: 'cors-bad', CORSConfiguration: { CORSRules: rules } }));
    await rejects(put([{ AllowedOrigins: ['*'], AllowedMethods: ['PATCH'] }]), 'InvalidRequest', 'Found unsupported HTTP method in CORS config. Unsupported method is PATCH', 400);
    await rejects(put([{ AllowedOrigins: ['https://*.*.example.com'], AllowedMethods: ['GET'] }]), 'InvalidRequest', 'AllowedOrigin "https://*.*.example.com" can not have more than one wildcard.', 400);
    await rejects(put([{ AllowedOrigins: ['*'], AllowedMethods: ['GET'], AllowedHeaders: ['x-*-*'] }]), 'InvalidRequest', 'AllowedHeader "x-*-*" can not have more than one wildcard.', 400);
    await rejects(put(Array.from({ length: 101 }, () => ({ AllowedOrigins: ['*'], AllowedMethods: ['GET'] }))), 'MalformedXML', undefined, 400);
    const noRule = await rawS3(t.w, { method: 'PUT', path: '/cors-bad', query: { cors: '' }, body: '<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><CORSRule><AllowedOrigin>*</AllowedOrigin></CORSRule></CORSConfiguration>' });
    assert.equal(noRule.status, 400);
    assert.equal((await t.w.lastEvent('PutBucketCors'))['errorCode'] !== undefined, true);
    assert.deepEqual((await t.s3.send(new GetBucketCorsCommand({ Bucket: 'cors-bad' }))).CORSRules, RULES);
    // 100 rules is the limit, not over it.
    await put(Array.from({ length: 100 }, () => ({ AllowedOrigins: ['*'], AllowedMethods: ['GET'] })));
  });

  it('answers a browser preflight (unsigned OPTIONS) from the rules', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'cors-pre' }));
    const none = await browser(t.w.url, 'OPTIONS', '/cors-pre/photo.jpg', { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'GET' });
    assert.equal(none.status, 403);
    assert.match(none.body, /<Code>AccessForbidden<\/Code><Message>CORSResponse: CORS is not enabled for this bucket.<\/Message><Method>GET<\/Method><ResourceType>OBJECT<\/ResourceType>/);
    await t.s3.send(new PutBucketCorsCommand({ Bucket: 'cors-pre', CORSConfiguration: { CORSRules: RULES } }));

    const ok = await browser(t.w.url, 'OPTIONS', '/cors-pre/photo.jpg', { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'Content-Type, X-Amz-Date' });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers['access-control-allow-origin'], 'https://app.example.com');
    assert.equal(ok.headers['access-control-allow-methods'], 'GET, PUT');
    assert.equal(ok.headers['access-control-allow-headers'], 'content-type, x-amz-date');
    assert.equal(ok.headers['access-control-max-age'], '600');
    assert.equal(ok.headers['access-control-allow-credentials'], 'true');
    assert.equal(ok.body, '');
    const ev = await t.w.lastEvent('PreflightRequest');
    assert.equal(ev['eventCategory'], 'Data');
    assert.deepEqual(ev['requestParameters'], { bucketName: 'cors-pre', key: 'photo.jpg' });

    const any = await browser(t.w.url, 'OPTIONS', '/cors-pre', { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'GET' });
    assert.equal(any.status, 200);
    assert.equal(any.headers['access-control-allow-origin'], '*');
    assert.equal(any.headers['access-control-allow-credentials'], undefined);

    const refused: Record<string, string>[] = [
      { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'PUT' },
      { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'DELETE' },
      { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization' },
    ];
    for (const h of refused) {
      const no = await browser(t.w.url, 'OPTIONS', '/cors-pre/photo.jpg', h);
      assert.equal(no.status, 403, JSON.stringify(h));
      assert.ok(no.body.includes(`<Code>AccessForbidden</Code><Message>${NOT_ALLOWED}</Message><Method>${h['Access-Control-Request-Method']}</Method><ResourceType>OBJECT</ResourceType>`), no.body);
      assert.equal(no.headers['access-control-allow-origin'], undefined);
    }
    assert.equal((await t.w.lastEvent('PreflightRequest'))['errorCode'], 'AccessForbidden');

    const noOrigin = await browser(t.w.url, 'OPTIONS', '/cors-pre/photo.jpg', { 'Access-Control-Request-Method': 'GET' });
    assert.equal(noOrigin.status, 400);
    assert.match(noOrigin.body, /<Code>BadRequest<\/Code><Message>Insufficient information. Origin request header needed.<\/Message>/);
    const noBucket = await browser(t.w.url, 'OPTIONS', '/cors-missing/x', { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'GET' });
    assert.equal(noBucket.status, 404);
    assert.match(noBucket.body, /<Code>NoSuchBucket<\/Code>/);
  });

  it('adds the CORS headers to requests with a matching Origin, and none otherwise', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'cors-hdr' }));
    await t.s3.send(new PutObjectCommand({ Bucket: 'cors-hdr', Key: 'k', Body: 'x' }));
    const plain = await rawS3(t.w, { method: 'GET', path: '/cors-hdr/k', headers: { origin: 'https://app.example.com' } });
    assert.equal(plain.status, 200);
    assert.equal(plain.headers.get('access-control-allow-origin'), null);
    await t.s3.send(new PutBucketCorsCommand({ Bucket: 'cors-hdr', CORSConfiguration: { CORSRules: [RULES[0]!] } }));
    const got = await rawS3(t.w, { method: 'GET', path: '/cors-hdr/k', headers: { origin: 'https://app.example.com' } });
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('access-control-allow-origin'), 'https://app.example.com');
    assert.equal(got.headers.get('access-control-allow-methods'), 'GET, PUT');
    assert.equal(got.headers.get('access-control-expose-headers'), 'ETag');
    assert.equal(got.headers.get('access-control-allow-credentials'), 'true');
    assert.match(got.headers.get('vary') ?? '', /Origin/);
    // Errors carry them too (a browser could not read the error otherwise).
    const missing = await rawS3(t.w, { method: 'GET', path: '/cors-hdr/nope', headers: { origin: 'https://app.example.com' } });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('access-control-allow-origin'), 'https://app.example.com');
    const other = await rawS3(t.w, { method: 'GET', path: '/cors-hdr/k', headers: { origin: 'https://evil.example' } });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const del = await rawS3(t.w, { method: 'DELETE', path: '/cors-hdr/k', headers: { origin: 'https://app.example.com' } });
    assert.equal(del.status, 204);
    assert.equal(del.headers.get('access-control-allow-origin'), null);
  });

  it('denies the operations without s3:PutBucketCORS / s3:GetBucketCORS', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'cors-denied' }));
    const u = await userClient(t.w, 'cors-nobody', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetBucketAcl', Resource: '*' }] });
    await rejects(u.s3.send(new PutBucketCorsCommand({ Bucket: 'cors-denied', CORSConfiguration: { CORSRules: RULES } })), 'AccessDenied',
      `User: ${u.arn} is not authorized to perform: s3:PutBucketCORS on resource: "arn:aws:s3:::cors-denied" because no identity-based policy allows the s3:PutBucketCORS action`, 403);
    await rejects(u.s3.send(new GetBucketCorsCommand({ Bucket: 'cors-denied' })), 'AccessDenied', /s3:GetBucketCORS/, 403);
    await rejects(u.s3.send(new DeleteBucketCorsCommand({ Bucket: 'cors-denied' })), 'AccessDenied', /s3:PutBucketCORS/, 403);
    await rejects(t.s3.send(new GetBucketCorsCommand({ Bucket: 'cors-denied' })), 'NoSuchCORSConfiguration');
  });
});
