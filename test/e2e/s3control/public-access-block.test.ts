/**
 * S3 Control account-level Block Public Access. No S3 Control SDK client is installed
 * (@aws-sdk/client-s3-control is not a dependency), so requests are signed here as the SDK and
 * the CLI sign them (SigV4, service `s3`, x-amz-content-sha256) and sent with node:http — which
 * also lets a test send the `<account>.` host prefix the SDKs use (that name does not resolve here).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { CreateBucketCommand, GetBucketPolicyStatusCommand, GetObjectCommand, GetPublicAccessBlockCommand, PutBucketAclCommand, PutBucketOwnershipControlsCommand, PutBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Running } from '../../harness.js';
import { Sha256 } from '../../signing.js';
import { ACCOUNT, OTHER_ACCOUNT, rejects, userClient, useWarden } from '../s3/helpers.js';

const PATH = '/v20180820/configuration/publicAccessBlock';
const NS = 'http://awss3control.amazonaws.com/doc/2018-08-20/';

interface ControlRequest {
  readonly method: 'PUT' | 'GET' | 'DELETE';
  readonly accountId?: string;
  readonly body?: string;
  readonly path?: string;
  /** Send Host `<account>.localhost:port`, as the SDKs address S3 Control (the request still goes to 127.0.0.1). */
  readonly hostPrefix?: boolean;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
}

async function control(w: Running, r: ControlRequest): Promise<{ status: number; body: string; requestId: string }> {
  const url = new URL(w.url);
  const host = r.hostPrefix === true ? `${r.accountId ?? ACCOUNT}.localhost:${url.port}` : url.host;
  const body = Buffer.from(r.body ?? '');
  const headers: Record<string, string> = { host, 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex') };
  if (r.accountId !== undefined) headers['x-amz-account-id'] = r.accountId;
  const signer = new SignatureV4({ service: 's3', region: 'us-east-1', credentials: r.credentials ?? { accessKeyId: 'test', secretAccessKey: 'test' }, sha256: Sha256, uriEscapePath: false });
  const path = r.path ?? PATH;
  const signed = await signer.sign({ method: r.method, protocol: 'http:', hostname: host.split(':')[0]!, port: Number(url.port), path, query: {}, headers, body });
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: Number(url.port), method: r.method, path, headers: { ...signed.headers, 'content-length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), requestId: String(res.headers['x-amz-request-id'] ?? '') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const config = (c: Record<string, boolean | string>, ns = NS): string =>
  `<?xml version="1.0" encoding="UTF-8"?><PublicAccessBlockConfiguration xmlns="${ns}">${Object.entries(c).map(([k, v]) => `<${k}>${String(v)}</${k}>`).join('')}</PublicAccessBlockConfiguration>`;
const put = (w: Running, c: Record<string, boolean | string>, extra: Partial<ControlRequest> = {}) => control(w, { method: 'PUT', accountId: ACCOUNT, body: config(c), ...extra });
const get = (w: Running, extra: Partial<ControlRequest> = {}) => control(w, { method: 'GET', accountId: ACCOUNT, ...extra });
const del = (w: Running, extra: Partial<ControlRequest> = {}) => control(w, { method: 'DELETE', accountId: ACCOUNT, ...extra });

const settings = (xml: string): Record<string, boolean> =>
  Object.fromEntries([...xml.matchAll(/<(BlockPublicAcls|IgnorePublicAcls|BlockPublicPolicy|RestrictPublicBuckets)>(true|false)</g)].map((m) => [m[1]!, m[2] === 'true']));
const errorCode = (xml: string): string | undefined => /<Code>([^<]*)<\/Code>/.exec(xml)?.[1];
const errorMessage = (xml: string): string | undefined => /<Message>([^<]*)<\/Message>/.exec(xml)?.[1];

const publicRead = (bucket: string): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*` }] });
const ALL_OFF = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

describe('s3control Put/Get/DeletePublicAccessBlock (account level)', () => {
  const t = useWarden();

  it('Put, Get, Delete: shapes, NoSuchPublicAccessBlockConfiguration, CloudTrail events', async () => {
    const none = await get(t.w);
    assert.equal(none.status, 404);
    assert.equal(errorCode(none.body), 'NoSuchPublicAccessBlockConfiguration');
    assert.equal(errorMessage(none.body), 'The public access block configuration was not found');
    assert.match(none.body, new RegExp(`<AccountId>${ACCOUNT}</AccountId>`));
    const noneEv = await t.w.eventFor(none.requestId);
    assert.equal(noneEv['eventName'], 'GetAccountPublicAccessBlock');
    assert.equal(noneEv['errorCode'], 'NoSuchPublicAccessBlockConfiguration');

    const p = await put(t.w, { BlockPublicAcls: true, RestrictPublicBuckets: true });
    assert.equal(p.status, 200);
    assert.equal(p.body, '');
    const ev = await t.w.eventFor(p.requestId);
    assert.equal(ev['eventName'], 'PutAccountPublicAccessBlock');
    assert.equal(ev['eventSource'], 's3.amazonaws.com');
    assert.equal(ev['readOnly'], false);
    assert.equal(ev['eventCategory'], 'Management');
    assert.equal(ev['recipientAccountId'], ACCOUNT);
    assert.deepEqual(ev['requestParameters'], { 'x-amz-account-id': ACCOUNT, PublicAccessBlockConfiguration: { BlockPublicAcls: true, RestrictPublicBuckets: true } });

    const g = await get(t.w);
    assert.equal(g.status, 200);
    assert.match(g.body, new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<PublicAccessBlockConfiguration xmlns="${NS}">`));
    assert.deepEqual(settings(g.body), { BlockPublicAcls: true, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: true });
    const gev = await t.w.eventFor(g.requestId);
    assert.equal(gev['eventName'], 'GetAccountPublicAccessBlock');
    assert.equal(gev['readOnly'], true);
    assert.equal(gev['errorCode'], undefined);

    // A second Put replaces the whole configuration.
    await put(t.w, { IgnorePublicAcls: true });
    assert.deepEqual(settings((await get(t.w)).body), { ...ALL_OFF, IgnorePublicAcls: true });

    const d = await del(t.w);
    assert.equal(d.status, 200);
    const dev = await t.w.eventFor(d.requestId);
    assert.equal(dev['eventName'], 'DeleteAccountPublicAccessBlock');
    assert.equal(dev['readOnly'], false);
    assert.deepEqual(dev['requestParameters'], { 'x-amz-account-id': ACCOUNT });
    assert.equal(errorCode((await get(t.w)).body), 'NoSuchPublicAccessBlockConfiguration');
    // Deleting again succeeds.
    assert.equal((await del(t.w)).status, 200);
  });

  it('answers a request addressed with the <account>. host prefix the SDKs use', async () => {
    const p = await put(t.w, { BlockPublicPolicy: true }, { hostPrefix: true });
    assert.equal(p.status, 200, p.body);
    assert.deepEqual(settings((await get(t.w, { hostPrefix: true })).body), { ...ALL_OFF, BlockPublicPolicy: true });
    assert.equal((await del(t.w, { hostPrefix: true })).status, 200);
  });

  it('settings are per account: another account has its own', async () => {
    const other = { accessKeyId: OTHER_ACCOUNT, secretAccessKey: 'x' };
    await put(t.w, { BlockPublicAcls: true });
    assert.equal(errorCode((await get(t.w, { accountId: OTHER_ACCOUNT, credentials: other })).body), 'NoSuchPublicAccessBlockConfiguration');
    await put(t.w, { BlockPublicPolicy: true }, { accountId: OTHER_ACCOUNT, credentials: other });
    assert.deepEqual(settings((await get(t.w)).body), { ...ALL_OFF, BlockPublicAcls: true });
    assert.deepEqual(settings((await get(t.w, { accountId: OTHER_ACCOUNT, credentials: other })).body), { ...ALL_OFF, BlockPublicPolicy: true });
    await del(t.w);
    await del(t.w, { accountId: OTHER_ACCOUNT, credentials: other });
  });

  it('refuses bad input and leaves the configuration as it was', async () => {
    await put(t.w, { BlockPublicPolicy: true });
    const notBool = await put(t.w, { BlockPublicAcls: 'maybe' });
    assert.equal(notBool.status, 400);
    assert.equal(errorCode(notBool.body), 'MalformedXML');
    const broken = await control(t.w, { method: 'PUT', accountId: ACCOUNT, body: '<PublicAccessBlockConfiguration><BlockPublicAcls>true' });
    assert.equal(broken.status, 400);
    assert.equal(errorCode(broken.body), 'MalformedXML');
    const empty = await put(t.w, {});
    assert.equal(empty.status, 400);
    assert.equal(errorCode(empty.body), 'InvalidRequest');
    assert.equal(errorMessage(empty.body), 'Must specify at least one configuration.');
    assert.equal((await t.w.eventFor(empty.requestId))['errorCode'], 'InvalidRequest');
    const badAccount = await put(t.w, { BlockPublicAcls: true }, { accountId: '12345' });
    assert.equal(badAccount.status, 400);
    assert.equal(errorCode(badAccount.body), 'InvalidArgument');
    const noAccount = await control(t.w, { method: 'PUT', body: config({ BlockPublicAcls: true }), hostPrefix: true });
    assert.equal(noAccount.status, 400);
    assert.equal(errorCode(noAccount.body), 'InvalidArgument');
    assert.deepEqual(settings((await get(t.w)).body), { ...ALL_OFF, BlockPublicPolicy: true });
    await del(t.w);
  });

  it('denies callers without s3:PutAccountPublicAccessBlock / s3:GetAccountPublicAccessBlock, and other accounts', async () => {
    await put(t.w, { BlockPublicAcls: true });
    const nobody = await userClient(t.w, 'pab-acct-nobody', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetBucketAcl', Resource: '*' }] });
    const p = await put(t.w, { BlockPublicAcls: false }, { credentials: nobody.creds });
    assert.equal(p.status, 403);
    assert.equal(errorCode(p.body), 'AccessDenied');
    assert.equal(errorMessage(p.body), `User: ${nobody.arn} is not authorized to perform: s3:PutAccountPublicAccessBlock because no identity-based policy allows the s3:PutAccountPublicAccessBlock action`);
    const pev = await t.w.eventFor(p.requestId);
    assert.equal(pev['eventName'], 'PutAccountPublicAccessBlock');
    assert.equal(pev['errorCode'], 'AccessDenied');
    const d = await del(t.w, { credentials: nobody.creds });
    assert.equal(d.status, 403);
    assert.match(errorMessage(d.body)!, /s3:PutAccountPublicAccessBlock/);
    const g = await get(t.w, { credentials: nobody.creds });
    assert.equal(g.status, 403);
    assert.match(errorMessage(g.body)!, /s3:GetAccountPublicAccessBlock/);

    const reader = await userClient(t.w, 'pab-acct-reader', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetAccountPublicAccessBlock', Resource: '*' }] });
    assert.deepEqual(settings((await get(t.w, { credentials: reader.creds })).body), { ...ALL_OFF, BlockPublicAcls: true });
    assert.equal((await put(t.w, { BlockPublicAcls: false }, { credentials: reader.creds })).status, 403);

    // Another account's root may not read or change this account's settings.
    const other = { accessKeyId: OTHER_ACCOUNT, secretAccessKey: 'x' };
    const cross = await put(t.w, { BlockPublicAcls: false }, { credentials: other });
    assert.equal(cross.status, 403);
    assert.equal(errorCode(cross.body), 'AccessDenied');
    assert.equal((await get(t.w, { credentials: other })).status, 403);
    assert.equal((await del(t.w, { credentials: other })).status, 403);
    assert.deepEqual(settings((await get(t.w)).body), { ...ALL_OFF, BlockPublicAcls: true });
    await del(t.w);
  });

  it('other S3 Control operations answer NotImplemented; S3 path-style requests still reach S3', async () => {
    const r = await control(t.w, { method: 'GET', accountId: ACCOUNT, path: '/v20180820/accesspoint' });
    assert.equal(r.status, 501);
    assert.equal(errorCode(r.body), 'NotImplemented');
    await t.s3.send(new CreateBucketCommand({ Bucket: 'v20180820' }));
    await t.s3.send(new PutObjectCommand({ Bucket: 'v20180820', Key: 'configuration/publicAccessBlock', Body: 'x' }));
    assert.equal(await (await t.s3.send(new GetObjectCommand({ Bucket: 'v20180820', Key: 'configuration/publicAccessBlock' }))).Body!.transformToString(), 'x');
  });
});

describe('s3 enforcement of the account-level settings (OR with the bucket\'s)', () => {
  const t = useWarden();

  it('BlockPublicPolicy of the account refuses a public bucket policy; GetBucketPolicyStatus unchanged', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'acct-policy' }));
    await t.s3.send(new PutBucketPolicyCommand({ Bucket: 'acct-policy', Policy: publicRead('acct-policy') }));
    await put(t.w, { BlockPublicPolicy: true });
    await rejects(t.s3.send(new PutBucketPolicyCommand({ Bucket: 'acct-policy', Policy: publicRead('acct-policy') })), 'AccessDenied',
      `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::acct-policy" because public policies are blocked by the BlockPublicPolicy block public access setting.`, 403);
    // The existing policy stays and is still reported public; the bucket has no settings of its own.
    assert.deepEqual((await t.s3.send(new GetBucketPolicyStatusCommand({ Bucket: 'acct-policy' }))).PolicyStatus, { IsPublic: true });
    await rejects(t.s3.send(new GetPublicAccessBlockCommand({ Bucket: 'acct-policy' })), 'NoSuchPublicAccessBlockConfiguration');
    await del(t.w);
    await t.s3.send(new PutBucketPolicyCommand({ Bucket: 'acct-policy', Policy: publicRead('acct-policy') }));
  });

  it('RestrictPublicBuckets of the account: public statements grant nothing outside the owner account', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'acct-restrict' }));
    await t.s3.send(new PutObjectCommand({ Bucket: 'acct-restrict', Key: 'doc.txt', Body: 'hello' }));
    await t.s3.send(new PutBucketPolicyCommand({ Bucket: 'acct-restrict', Policy: publicRead('acct-restrict') }));
    const read = async () => (await (await t.other.send(new GetObjectCommand({ Bucket: 'acct-restrict', Key: 'doc.txt' }))).Body!.transformToString());
    assert.equal(await read(), 'hello');
    await put(t.w, { RestrictPublicBuckets: true });
    await rejects(t.other.send(new GetObjectCommand({ Bucket: 'acct-restrict', Key: 'doc.txt' })), 'AccessDenied', undefined, 403);
    assert.equal(await (await t.s3.send(new GetObjectCommand({ Bucket: 'acct-restrict', Key: 'doc.txt' }))).Body!.transformToString(), 'hello');
    // Only the bucket owner's account counts: the reader's account setting nothing changes nothing.
    await del(t.w);
    await put(t.w, { RestrictPublicBuckets: true }, { accountId: OTHER_ACCOUNT, credentials: { accessKeyId: OTHER_ACCOUNT, secretAccessKey: 'x' } });
    assert.equal(await read(), 'hello');
    await del(t.w, { accountId: OTHER_ACCOUNT, credentials: { accessKeyId: OTHER_ACCOUNT, secretAccessKey: 'x' } });
  });

  it('BlockPublicAcls of the account refuses public ACLs on buckets and objects, and at CreateBucket', async () => {
    await t.s3.send(new CreateBucketCommand({ Bucket: 'acct-acl' }));
    await t.s3.send(new PutBucketOwnershipControlsCommand({ Bucket: 'acct-acl', OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } }));
    await put(t.w, { BlockPublicAcls: true });
    await rejects(t.s3.send(new PutBucketAclCommand({ Bucket: 'acct-acl', ACL: 'public-read' })), 'AccessDenied', 'Access Denied', 403);
    await rejects(t.s3.send(new PutObjectCommand({ Bucket: 'acct-acl', Key: 'k', Body: 'x', ACL: 'public-read' })), 'AccessDenied', 'Access Denied', 403);
    await rejects(t.s3.send(new CreateBucketCommand({ Bucket: 'acct-acl-new', ObjectOwnership: 'ObjectWriter', ACL: 'public-read' })), 'AccessDenied', 'Access Denied', 403);
    // Private ACLs pass.
    await t.s3.send(new PutObjectCommand({ Bucket: 'acct-acl', Key: 'k', Body: 'x', ACL: 'private' }));
    await del(t.w);
    await t.s3.send(new PutBucketAclCommand({ Bucket: 'acct-acl', ACL: 'public-read' }));
    await t.s3.send(new CreateBucketCommand({ Bucket: 'acct-acl-new', ObjectOwnership: 'ObjectWriter', ACL: 'public-read' }));
  });
});
