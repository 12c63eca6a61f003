import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parseAuth, verifySignature, type AuthProblem, type ParsedAuth, type SignedRequest } from '../../../src/auth/sigv4.js';
import { CaptureServer, sha256b64 } from './sigv4-helpers.js';

const CREDS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const SESSION = { ...CREDS, accessKeyId: 'ASIAIOSFODNN7EXAMPLE', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE//token+with/odd=chars' };
const T0 = new Date('2024-01-01T00:00:00Z');
const MIN = 60_000;
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

function parsed(req: SignedRequest): ParsedAuth {
  const a = parseAuth(req);
  if ('kind' in a) assert.fail(`parseAuth refused: ${a.kind}: ${a.message}`);
  return a;
}
function check(req: SignedRequest, nowMs: number, opts?: Parameters<typeof verifySignature>[4], secret = CREDS.secretAccessKey): AuthProblem | null {
  const a = parseAuth(req);
  if ('kind' in a) return a;
  return verifySignature(req, a, secret, nowMs, opts);
}
const withHeaders = (req: SignedRequest, h: Record<string, string | string[] | undefined>): SignedRequest => ({ ...req, headers: { ...req.headers, ...h } });

/** A KMS Encrypt as @aws-sdk/client-kms sends it (same signed header set, see deps-and-limits §4). */
const kmsEncrypt = {
  service: 'kms',
  region: 'eu-west-1',
  method: 'POST',
  headers: {
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'TrentService.Encrypt',
    'x-amz-user-agent': 'aws-sdk-js/3.1164.0',
    'user-agent': 'aws-sdk-js/3.1164.0 ua/2.1 os/linux lang/js md/nodejs#20.20.2 api/kms#3.1164.0',
    'amz-sdk-invocation-id': '6f1c0e2a-9d2b-4f7e-8a44-0b5c2b3c1d10',
    'amz-sdk-request': 'attempt=1; max=3',
  },
  body: JSON.stringify({ KeyId: 'alias/app', Plaintext: 'aGVsbG8=', EncryptionContext: { purpose: 'tëst ☃', 'a b': 'c=d' } }),
};

const server = new CaptureServer();
before(() => server.start());
after(() => server.stop());

describe('header auth from the AWS SDK', () => {
  it('accepts a real STS GetCallerIdentity from @aws-sdk/client-sts', async () => {
    const req = await server.stsGetCallerIdentity(CREDS);
    const auth = parsed(req);
    assert.equal(auth.presigned, false);
    assert.equal(auth.credential.accessKeyId, CREDS.accessKeyId);
    assert.equal(auth.credential.service, 'sts');
    assert.equal(auth.credential.region, 'us-east-1');
    assert.ok(auth.signedHeaders.includes('host'));
    assert.equal(auth.securityToken, undefined);
    assert.equal(verifySignature(req, auth, CREDS.secretAccessKey, Date.now(), { expectedService: 'sts' }), null);
  });

  it('accepts STS with a session token and exposes the token', async () => {
    const req = await server.stsGetCallerIdentity(SESSION);
    const auth = parsed(req);
    assert.equal(auth.securityToken, SESSION.sessionToken);
    assert.ok(auth.signedHeaders.includes('x-amz-security-token'));
    assert.equal(verifySignature(req, auth, SESSION.secretAccessKey, Date.now(), { expectedService: 'sts' }), null);
    // The token is signed: swapping it breaks the signature.
    assert.deepEqual(check(withHeaders(req, { 'x-amz-security-token': 'other' }), Date.now()), { kind: 'SignatureDoesNotMatch', message: MISMATCH });
  });

  it('accepts a real KMS Encrypt from @aws-sdk/client-kms, with and without a session token', async () => {
    for (const creds of [CREDS, SESSION]) {
      const req = await server.kmsEncrypt(creds, 'eu-west-1');
      const auth = parsed(req);
      assert.equal(req.headers['x-amz-target'], 'TrentService.Encrypt');
      assert.equal(auth.credential.service, 'kms');
      assert.equal(auth.securityToken, creds === SESSION ? SESSION.sessionToken : undefined);
      assert.equal(verifySignature(req, auth, creds.secretAccessKey, Date.now(), { expectedService: 'kms', expectedRegion: 'eu-west-1' }), null);
      const tampered = { ...req, body: Buffer.from(Buffer.from(req.body).toString('utf8').replace('alias/app', 'alias/evil')) };
      assert.deepEqual(verifySignature(tampered, auth, creds.secretAccessKey, Date.now()), { kind: 'SignatureDoesNotMatch', message: MISMATCH });
    }
  });

  it('accepts a KMS Encrypt signed with the SDK header set', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, creds: CREDS, date: T0 });
    const auth = parsed(req);
    assert.deepEqual(auth.signedHeaders, [
      'amz-sdk-invocation-id', 'amz-sdk-request', 'content-length', 'content-type', 'host',
      'x-amz-content-sha256', 'x-amz-date', 'x-amz-target', 'x-amz-user-agent',
    ]);
    assert.equal(auth.amzDate, '20240101T000000Z');
    assert.equal(auth.scope, '20240101/eu-west-1/kms/aws4_request');
    assert.equal(verifySignature(req, auth, CREDS.secretAccessKey, T0.getTime(), { expectedService: 'kms', expectedRegion: 'eu-west-1' }), null);
  });

  it('refuses the wrong secret', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, creds: CREDS, date: T0 });
    assert.deepEqual(check(req, T0.getTime(), {}, 'not-the-secret'), { kind: 'SignatureDoesNotMatch', message: MISMATCH });
  });

  it('refuses a tampered body even though x-amz-content-sha256 still claims the old hash', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, creds: CREDS, date: T0 });
    const tampered = { ...req, body: Buffer.from(kmsEncrypt.body.replace('alias/app', 'alias/evil')) };
    assert.ok(typeof req.headers['x-amz-content-sha256'] === 'string');
    assert.deepEqual(check(tampered, T0.getTime()), { kind: 'SignatureDoesNotMatch', message: MISMATCH });
  });

  it('refuses a tampered signed header', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, creds: CREDS, date: T0 });
    assert.deepEqual(check(withHeaders(req, { 'x-amz-target': 'TrentService.Decrypt' }), T0.getTime()), { kind: 'SignatureDoesNotMatch', message: MISMATCH });
  });

  it('ignores unsigned headers, added or changed', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, creds: CREDS, date: T0 });
    assert.ok(!parsed(req).signedHeaders.includes('user-agent'));
    assert.equal(check(withHeaders(req, { 'x-forwarded-for': '10.0.0.1', 'user-agent': 'curl/8' }), T0.getTime()), null);
  });

  it('refuses a malformed signature without throwing', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, creds: CREDS, date: T0 });
    const auth = parsed(req);
    for (const signature of ['abc', auth.signature.toUpperCase(), `${auth.signature}00`, '']) {
      assert.deepEqual(verifySignature(req, { ...auth, signature }, CREDS.secretAccessKey, T0.getTime()), { kind: 'SignatureDoesNotMatch', message: MISMATCH });
    }
  });

  it('joins repeated header values with commas (headersDistinct form)', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, headers: { ...kmsEncrypt.headers, 'x-amz-meta-list': 'a,b' }, creds: CREDS, date: T0 });
    assert.equal(check(withHeaders(req, { 'x-amz-meta-list': ['a', '  b '] }), T0.getTime()), null);
    assert.deepEqual(check(withHeaders(req, { 'x-amz-meta-list': ['b', 'a'] }), T0.getTime()), { kind: 'SignatureDoesNotMatch', message: MISMATCH });
  });

  it('requires host to be signed', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, creds: CREDS, date: T0 });
    const auth = parsed(req);
    const noHost = { ...auth, signedHeaders: auth.signedHeaders.filter((h) => h !== 'host') };
    assert.deepEqual(verifySignature(req, noHost, CREDS.secretAccessKey, T0.getTime()), {
      kind: 'SignatureDoesNotMatch',
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    });
  });
});

describe('clock skew', () => {
  it('accepts up to 5 minutes either way', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, creds: CREDS, date: T0 });
    assert.equal(check(req, T0.getTime() + 5 * MIN), null);
    assert.equal(check(req, T0.getTime() - 5 * MIN), null);
  });

  it('refuses an old request with AWS\'s "Signature expired" text', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, creds: CREDS, date: T0 });
    assert.deepEqual(check(req, T0.getTime() + 10 * MIN), {
      kind: 'SignatureExpired',
      message: 'Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z (20240101T001000Z - 5 min.)',
    });
    assert.deepEqual(check(req, T0.getTime() + 5 * MIN + 1001), {
      kind: 'SignatureExpired',
      message: 'Signature expired: 20240101T000000Z is now earlier than 20240101T000001Z (20240101T000501Z - 5 min.)',
    });
  });

  it('refuses a request from the future with "Signature not yet current"', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, creds: CREDS, date: T0 });
    assert.deepEqual(check(req, T0.getTime() - 10 * MIN), {
      kind: 'SignatureNotYetCurrent',
      message: 'Signature not yet current: 20240101T000000Z is still later than 20231231T235500Z (20231231T235000Z + 5 min.)',
    });
  });

  it('honours maxSkewMs', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, creds: CREDS, date: T0 });
    assert.deepEqual(check(req, T0.getTime() + 10 * MIN, { maxSkewMs: 15 * MIN }), null);
    assert.equal(check(req, T0.getTime() + 16 * MIN, { maxSkewMs: 15 * MIN })?.message,
      'Signature expired: 20240101T000000Z is now earlier than 20240101T000100Z (20240101T001600Z - 15 min.)');
  });
});

describe('credential scope', () => {
  it('refuses another service', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, creds: CREDS, date: T0 });
    assert.deepEqual(check(req, T0.getTime(), { expectedService: 'sts' }), {
      kind: 'InvalidScope',
      message: "Credential should be scoped to correct service: 'sts'. ",
    });
  });

  it('refuses another region, and reports region and service together as STS does', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, creds: CREDS, date: T0 });
    assert.deepEqual(check(req, T0.getTime(), { expectedRegion: 'us-east-1' }), {
      kind: 'InvalidScope',
      message: 'Credential should be scoped to a valid region. ',
    });
    assert.deepEqual(check(req, T0.getTime(), { expectedRegion: 'us-east-1', expectedService: 'sts' }), {
      kind: 'InvalidScope',
      message: "Credential should be scoped to a valid region. Credential should be scoped to correct service: 'sts'. ",
    });
  });

  it('refuses a scope date that is not the request day', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, creds: CREDS, date: T0 });
    const auth = req.headers['authorization'] as string;
    const moved = withHeaders(req, { authorization: auth.replace('/20240101/', '/20231231/') });
    assert.deepEqual(check(moved, T0.getTime()), {
      kind: 'InvalidScope',
      message:
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20231231' != '20240101', from '20240101T000000Z'. ",
    });
  });

  it('refuses a wrong terminator', async () => {
    const req = await server.signAndSend({ ...kmsEncrypt, creds: CREDS, date: T0 });
    const auth = req.headers['authorization'] as string;
    assert.deepEqual(check(withHeaders(req, { authorization: auth.replace('/aws4_request', '/aws5_request') }), T0.getTime()), {
      kind: 'InvalidScope',
      message: "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ",
    });
  });
});

describe('presigned URLs', () => {
  const sts = { service: 'sts', region: 'us-east-1', query: { Action: 'GetCallerIdentity', Version: '2011-06-15' } };

  it('accepts a presigned STS GetCallerIdentity', async () => {
    const req = await server.presignAndSend({ ...sts, creds: CREDS, date: T0, expiresIn: 900 });
    const auth = parsed(req);
    assert.equal(auth.presigned, true);
    assert.equal(auth.expiresSeconds, 900);
    assert.deepEqual(auth.signedHeaders, ['host']);
    assert.equal(verifySignature(req, auth, CREDS.secretAccessKey, T0.getTime() + 899_000, { expectedService: 'sts' }), null);
  });

  it('refuses it once X-Amz-Expires has passed', async () => {
    const req = await server.presignAndSend({ ...sts, creds: CREDS, date: T0, expiresIn: 60 });
    assert.equal(check(req, T0.getTime() + 60_000), null);
    assert.deepEqual(check(req, T0.getTime() + 61_000), {
      kind: 'PresignedExpired',
      message: 'Signature expired: 20240101T000000Z is now earlier than 20240101T000001Z (20240101T000101Z - 1 min.)',
    });
    assert.equal(check(req, T0.getTime() + 3_600_000)?.message,
      'Signature expired: 20240101T000000Z is now earlier than 20240101T005900Z (20240101T010000Z - 1 min.)');
  });

  it('refuses a presigned URL from the future', async () => {
    const req = await server.presignAndSend({ ...sts, creds: CREDS, date: T0, expiresIn: 60 });
    assert.equal(check(req, T0.getTime() - 6 * MIN)?.kind, 'SignatureNotYetCurrent');
  });

  it('accepts a presigned URL with a session token and refuses a swapped token', async () => {
    const req = await server.presignAndSend({ ...sts, creds: SESSION, date: T0, expiresIn: 300 });
    const auth = parsed(req);
    assert.equal(auth.securityToken, SESSION.sessionToken);
    assert.equal(verifySignature(req, auth, SESSION.secretAccessKey, T0.getTime()), null);
    const swapped = { ...req, rawQuery: req.rawQuery.replace(/X-Amz-Security-Token=[^&]*/, 'X-Amz-Security-Token=other') };
    assert.equal(parsed(swapped).securityToken, 'other');
    assert.deepEqual(check(swapped, T0.getTime()), { kind: 'SignatureDoesNotMatch', message: MISMATCH });
  });

  it('refuses a changed query parameter', async () => {
    const req = await server.presignAndSend({ ...sts, creds: CREDS, date: T0, expiresIn: 300 });
    const changed = { ...req, rawQuery: req.rawQuery.replace('GetCallerIdentity', 'GetSessionToken') };
    assert.deepEqual(check(changed, T0.getTime()), { kind: 'SignatureDoesNotMatch', message: MISMATCH });
  });

  it('checks X-Amz-Expires', async () => {
    const req = await server.presignAndSend({ ...sts, creds: CREDS, date: T0, expiresIn: 60 });
    const withExpires = (v: string): SignedRequest => ({ ...req, rawQuery: req.rawQuery.replace('X-Amz-Expires=60', `X-Amz-Expires=${v}`) });
    assert.deepEqual(parseAuth(withExpires('604801')), {
      kind: 'AuthorizationQueryParametersError',
      message: 'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    });
    assert.deepEqual(parseAuth(withExpires('0')), { kind: 'AuthorizationQueryParametersError', message: 'X-Amz-Expires must be non-negative' });
    assert.deepEqual(parseAuth(withExpires('soon')), { kind: 'AuthorizationQueryParametersError', message: 'X-Amz-Expires should be a number' });
    assert.equal(parsed(withExpires('604800')).expiresSeconds, 604800);
  });

  it('reports missing query parameters', () => {
    const req: SignedRequest = {
      method: 'GET', rawPath: '/', rawQuery: 'Action=GetCallerIdentity&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240101T000000Z',
      headers: { host: 'sts.amazonaws.com' }, body: new Uint8Array(),
    };
    assert.deepEqual(parseAuth(req), {
      kind: 'IncompleteSignature',
      message:
        "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include 'X-Amz-Signature'. " +
        "AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.",
    });
  });

  it('refuses query auth and an Authorization header together', async () => {
    const req = await server.presignAndSend({ ...sts, creds: CREDS, date: T0, expiresIn: 60 });
    assert.deepEqual(parseAuth(withHeaders(req, { authorization: 'AWS4-HMAC-SHA256 Credential=x' })), {
      kind: 'SignatureDoesNotMatch',
      message: "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    });
  });
});

describe('odd paths and queries', () => {
  const path = '/stage/a%20b/%C3%BC%2Bx/./y/../z/';
  const query = {
    'a key': 'v a l',
    'ünï': 'çødé ☃',
    dup: ['2', '1', '', '10'],
    empty: '',
    eq: 'a=b=c',
    plus: '1+1',
    'X-Tilde~': "!'()*",
  };
  const odd = { service: 'execute-api', region: 'us-west-2', path, query };

  it('accepts header auth over a real socket', async () => {
    const req = await server.signAndSend({
      ...odd, method: 'GET', creds: CREDS, date: T0, headers: { 'x-amz-meta-spaces': '  a   b \t c  ' },
    });
    assert.equal(req.rawPath, path);
    assert.equal(check(req, T0.getTime(), { expectedService: 'execute-api' }), null);
  });

  it('accepts a presigned URL over a real socket', async () => {
    const req = await server.presignAndSend({ ...odd, creds: CREDS, date: T0, expiresIn: 600 });
    assert.equal(check(req, T0.getTime()), null);
  });

  it('does not care how the query is spelled: order, "+" for space, lowercase escapes, bare keys', async () => {
    const req = await server.signAndSend({ ...odd, method: 'GET', creds: CREDS, date: T0 });
    const parts = req.rawQuery.split('&').reverse();
    const respelled = parts.map((p) => p.replace(/%20/g, '+').replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())).join('&');
    assert.notEqual(respelled, req.rawQuery);
    assert.equal(check({ ...req, rawQuery: respelled }, T0.getTime()), null);
    const bare = req.rawQuery.replace('empty=', 'empty');
    assert.equal(check({ ...req, rawQuery: bare }, T0.getTime()), null);
    const rawEquals = req.rawQuery.replace('eq=a%3Db%3Dc', 'eq=a=b=c');
    assert.notEqual(rawEquals, req.rawQuery);
    assert.equal(check({ ...req, rawQuery: rawEquals }, T0.getTime()), null);
  });

  it('accepts presigned parameters with unencoded "/" in X-Amz-Credential', async () => {
    const req = await server.presignAndSend({ ...odd, creds: CREDS, date: T0, expiresIn: 600 });
    const slashes = req.rawQuery.replace(/%2F/g, '/');
    assert.notEqual(slashes, req.rawQuery);
    assert.equal(check({ ...req, rawQuery: slashes }, T0.getTime()), null);
  });

  it('tells apart values that differ only by encoding of "+" and "="', async () => {
    const req = await server.signAndSend({ ...odd, method: 'GET', creds: CREDS, date: T0 });
    const plusAsSpace = req.rawQuery.replace('plus=1%2B1', 'plus=1+1');
    assert.equal(check({ ...req, rawQuery: plusAsSpace }, T0.getTime())?.kind, 'SignatureDoesNotMatch');
    const dupChanged = req.rawQuery.replace('dup=10', 'dup=01');
    assert.equal(check({ ...req, rawQuery: dupChanged }, T0.getTime())?.kind, 'SignatureDoesNotMatch');
  });

  it('normalises the path before encoding it again', async () => {
    const req = await server.signAndSend({ ...odd, method: 'GET', creds: CREDS, date: T0 });
    // Same resource after dot-segment and empty-segment removal: still valid.
    assert.equal(check({ ...req, rawPath: '/stage//a%20b/%C3%BC%2Bx/y/../z/' }, T0.getTime()), null);
    // A different encoding of the same characters is a different wire path for non-S3 services.
    assert.equal(check({ ...req, rawPath: '/stage/a%20b/%c3%bc%2Bx/z/' }, T0.getTime())?.kind, 'SignatureDoesNotMatch');
    assert.equal(check({ ...req, rawPath: '/stage/a%20b/%C3%BC%2Bx/z' }, T0.getTime())?.kind, 'SignatureDoesNotMatch');
  });
});

describe('S3 rules (single path encoding, payload hash chosen by the caller)', () => {
  const path = '/bucket/dir%20one/r%C3%A9sum%C3%A9%2B1.txt';

  it('accepts a presigned S3 GET with UNSIGNED-PAYLOAD and the key encoded once', async () => {
    const req = await server.presignAndSend({
      service: 's3', region: 'us-east-1', creds: CREDS, date: T0, expiresIn: 3600, path,
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });
    assert.match(req.rawQuery, /X-Amz-Content-Sha256=UNSIGNED-PAYLOAD/i);
    assert.equal(check(req, T0.getTime() + 3_000_000, { expectedService: 's3' }), null);
    assert.equal(check({ ...req, rawPath: '/bucket/dir%20one/./r%C3%A9sum%C3%A9%2B1.txt' }, T0.getTime())?.kind, 'SignatureDoesNotMatch');
  });

  it('uses the payload hash the S3 layer passes (UNSIGNED-PAYLOAD header auth)', async () => {
    const req = await server.signAndSend({
      service: 's3', region: 'us-east-1', creds: CREDS, date: T0, method: 'PUT', path, body: 'object bytes',
      headers: { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' },
    });
    assert.equal(check(req, T0.getTime(), { payloadHash: 'UNSIGNED-PAYLOAD' }), null);
    assert.equal(check(req, T0.getTime(), { unsignedPayload: true }), null);
    // Without being told, Warden hashes the body itself and does not take the header's word.
    assert.equal(check(req, T0.getTime())?.kind, 'SignatureDoesNotMatch');
  });
});

describe('AWS SigV4 test suite (aws4_testsuite, 2011: Date header, service "host")', () => {
  // Requests and expected signatures from AWS's published suite (secret below is the suite's example key).
  const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
  const NOW = Date.UTC(2011, 8, 9, 23, 36, 0);
  const cases: [name: string, method: string, url: string, extra: Record<string, string>, body: string, signed: string, sig: string][] = [
    ['get-vanilla', 'GET', '/', {}, '', 'date;host', 'b27ccfbfa7df52a200ff74193ca6e32d4b48b8856fab7ebf1c595d0670a7e470'],
    ['get-relative-relative', 'GET', '/foo/bar/../..', {}, '', 'date;host', 'b27ccfbfa7df52a200ff74193ca6e32d4b48b8856fab7ebf1c595d0670a7e470'],
    ['get-slash-pointless-dot', 'GET', '/./foo', {}, '', 'date;host', '910e4d6c9abafaf87898e1eb4c929135782ea25bb0279703146455745391e63a'],
    ['get-slashes', 'GET', '//foo//', {}, '', 'date;host', 'b00392262853cfe3201e47ccf945601079e9b8a7f51ee4c3d9ee4f187aa9bf19'],
    ['get-unreserved', 'GET', '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', {}, '', 'date;host', '830cc36d03f0f84e6ee4953fbe701c1c8b71a0372c63af9255aa364dd183281e'],
    ['get-vanilla-query-order-key-case', 'GET', '/?foo=Zoo&foo=aha', {}, '', 'date;host', 'be7148d34ebccdc6423b19085378aa0bee970bdc61d144bd1a8c48c33079ab09'],
    ['get-vanilla-query-order-value', 'GET', '/?foo=b&foo=a', {}, '', 'date;host', 'feb926e49e382bec75c9d7dcb2a1b6dc8aa50ca43c25d2bc51143768c0875acc'],
    ['get-vanilla-query-unreserved', 'GET', '/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', {}, '', 'date;host', 'f1498ddb4d6dae767d97c466fb92f1b59a2c71ca29ac954692663f9db03426fb'],
    ['get-vanilla-ut8-query', 'GET', '/?ሴ=bar', {}, '', 'date;host', '6fb359e9a05394cc7074e0feb42573a2601abc0c869a953e8c5c12e4e01f1a8c'],
    ['get-header-value-trim', 'POST', '/', { p: ' phfft ' }, '', 'date;host;p', 'debf546796015d6f6ded8626f5ce98597c33b47b9164cf6b17b4642036fcb592'],
    ['post-header-key-sort', 'POST', '/', { zoo: 'zoobar' }, '', 'date;host;zoo', 'b7a95a52518abbca0964a999a880429ab734f35ebbf1235bd79a5de87756dc4a'],
    ['post-vanilla', 'POST', '/', {}, '', 'date;host', '22902d79e148b64e7571c3565769328423fe276eae4b26f83afceda9e767f726'],
    ['post-vanilla-empty-query-value', 'POST', '/?foo=bar', {}, '', 'date;host', 'b6e3b79003ce0743a491606ba1035a804593b0efb1e20a11cba83f8c25a57a92'],
    ['post-x-www-form-urlencoded', 'POST', '/', { 'content-type': 'application/x-www-form-urlencoded' }, 'foo=bar', 'content-type;date;host', '5a15b22cf462f047318703b92e6f4f38884e4a7ab7b1d6426ca46a8bd1c26cbc'],
  ];
  for (const [name, method, url, extra, body, signed, sig] of cases) {
    it(name, () => {
      const q = url.indexOf('?');
      const req: SignedRequest = {
        method,
        rawPath: q === -1 ? url : url.slice(0, q),
        rawQuery: q === -1 ? '' : url.slice(q + 1),
        headers: {
          date: 'Mon, 09 Sep 2011 23:36:00 GMT',
          host: 'host.foo.com',
          ...extra,
          authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/host/aws4_request, SignedHeaders=${signed}, Signature=${sig}`,
        },
        body: Buffer.from(body),
      };
      const auth = parsed(req);
      assert.equal(auth.amzDate, '20110909T233600Z');
      assert.equal(verifySignature(req, auth, SECRET, NOW, { expectedService: 'host', expectedRegion: 'us-east-1' }), null);
      assert.equal(verifySignature(req, { ...auth, signature: sig.replace(/^./, (c) => (c === '0' ? '1' : '0')) }, SECRET, NOW)?.kind, 'SignatureDoesNotMatch');
    });
  }
});

describe('missing or incomplete authentication', () => {
  const base: SignedRequest = { method: 'POST', rawPath: '/', rawQuery: '', headers: { host: 'kms.us-east-1.amazonaws.com', 'x-amz-date': '20240101T000000Z' }, body: new Uint8Array() };

  it('no Authorization header and no query auth', () => {
    assert.deepEqual(parseAuth(base), { kind: 'MissingAuthenticationToken', message: 'Missing Authentication Token' });
    assert.deepEqual(parseAuth({ ...base, rawQuery: 'X-Amz-Algorithmish=1&foo=X-Amz-Algorithm=' }), { kind: 'MissingAuthenticationToken', message: 'Missing Authentication Token' });
  });

  it('an Authorization header that is not SigV4', () => {
    for (const authorization of ['Basic dGVzdDp0ZXN0', 'Bearer x', 'AWS AKIAIOSFODNN7EXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=', '']) {
      assert.equal((parseAuth(withHeaders(base, { authorization })) as AuthProblem).kind, 'MissingAuthenticationToken', authorization);
    }
  });

  it('names every missing part, with the header hashed as AWS now does', () => {
    const authorization = 'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20240101/us-east-1/kms/aws4_request';
    assert.deepEqual(parseAuth(withHeaders(base, { authorization })), {
      kind: 'IncompleteSignature',
      message:
        "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. " +
        `(Hashed with SHA-256 and encoded with Base64) Authorization=${sha256b64(authorization)}`,
    });
    const bare = 'AWS4-HMAC-SHA256';
    assert.deepEqual(parseAuth({ ...base, headers: { host: 'h', authorization: bare } }), {
      kind: 'IncompleteSignature',
      message:
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
        `(Hashed with SHA-256 and encoded with Base64) Authorization=${sha256b64(bare)}`,
    });
  });

  it('a part without "="', () => {
    const authorization = 'AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders, Signature=00';
    assert.deepEqual(parseAuth(withHeaders(base, { authorization })), {
      kind: 'IncompleteSignature',
      message: `Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256 and encoded with Base64): '${sha256b64(authorization)}'.`,
    });
  });

  it('accepts commas without spaces between parts', () => {
    const auth = parsed(withHeaders(base, { authorization: 'AWS4-HMAC-SHA256 Credential=AK/20240101/us-east-1/kms/aws4_request,SignedHeaders=host;x-amz-date,Signature=ab' }));
    assert.deepEqual(auth.signedHeaders, ['host', 'x-amz-date']);
    assert.equal(auth.signature, 'ab');
  });

  it('a bad date, algorithm or credential', () => {
    const good = 'Credential=AK/20240101/us-east-1/kms/aws4_request, SignedHeaders=host;x-amz-date, Signature=ab';
    assert.deepEqual(parseAuth(withHeaders(base, { authorization: `AWS4-HMAC-SHA256 ${good}`, 'x-amz-date': '2024-01-01T00:00:00Z' })), {
      kind: 'IncompleteSignature',
      message: "Date must be in ISO-8601 'basic format'. Got '2024-01-01T00:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601",
    });
    assert.equal((parseAuth(withHeaders(base, { authorization: `AWS4-HMAC-SHA256 ${good}`, 'x-amz-date': '20241340T000000Z' })) as AuthProblem).kind, 'IncompleteSignature');
    assert.deepEqual(parseAuth(withHeaders(base, { authorization: `AWS4-ECDSA-P256-SHA256 ${good}` })), {
      kind: 'IncompleteSignature',
      message: "Unsupported AWS 'algorithm': 'AWS4-ECDSA-P256-SHA256' (only AWS4-HMAC-SHA256 for now). ",
    });
    assert.deepEqual(parseAuth(withHeaders(base, { authorization: 'AWS4-HMAC-SHA256 Credential=AK/20240101/us-east-1/kms, SignedHeaders=host, Signature=ab' })), {
      kind: 'IncompleteSignature',
      message: "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AK/20240101/us-east-1/kms'",
    });
  });
});

describe('hmacHex', () => {
  it('equals createHmac for ASCII and non-ASCII messages and any key length', async () => {
    const { createHmac, randomBytes } = await import('node:crypto');
    const { hmacHex } = await import('../../../src/auth/sigv4.js');
    for (const keyBytes of [0, 1, 32, 64, 65, 100]) {
      const key = randomBytes(keyBytes);
      for (const message of ['', 'AWS4-HMAC-SHA256\n20261124T010000Z\n20261124/us-east-1/kms/aws4_request\nabc', 'région é', '🔑', 'x'.repeat(5000)]) {
        assert.equal(hmacHex(key, message), createHmac('sha256', key).update(message).digest('hex'), `${keyBytes}-byte key, ${JSON.stringify(message.slice(0, 20))}`);
        // A second call uses the cached pads.
        assert.equal(hmacHex(key, message), createHmac('sha256', key).update(message).digest('hex'));
      }
    }
  });
});
