import assert from 'node:assert/strict';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CreateOpenIDConnectProviderCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { AWS_CLIS, awsJson } from '../../cli.js';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, allow, doc, rejects, unique } from '../iam/helpers.js';

const run = promisify(execFile);
const b64 = (v: object | Buffer): string => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64url');

/** A JWT signed with node:crypto: RS256 (PKCS#1 v1.5) or ES256 (raw r‖s, as JWS wants). */
function jwt(key: KeyObject, alg: 'RS256' | 'ES256', kid: string, claims: Record<string, unknown>): string {
  const input = `${b64({ alg, kid, typ: 'JWT' })}.${b64(claims)}`;
  const sig = alg === 'RS256' ? sign('sha256', Buffer.from(input), key) : sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  return `${input}.${b64(sig)}`;
}

describe('sts AssumeRoleWithWebIdentity', () => {
  let w: Running;
  let iam: IAMClient;
  let sts: STSClient;
  const host = `${unique('idp')}.example.com`;
  const iss = `https://${host}`;
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let roleArn: string;
  let providerArn: string;
  const roleName = unique('web');
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown> = {}) => ({ iss, sub: 'repo:acme/app:ref:refs/heads/main', aud: 'sts.amazonaws.com', iat: now(), exp: now() + 600, amr: ['pwd', 'mfa'], ...extra });
  const assume = (token: string, extra: object = {}) => sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: roleArn, RoleSessionName: 'ci', WebIdentityToken: token, ...extra }));

  before(async () => {
    w = await startTestWarden();
    iam = w.client(IAMClient);
    // Unsigned: the SDK sends AssumeRoleWithWebIdentity without credentials.
    sts = w.client(STSClient);
    const jwks = { keys: [{ ...rsa.publicKey.export({ format: 'jwk' }), kid: 'rsa-1', alg: 'RS256', use: 'sig' }, { ...ec.publicKey.export({ format: 'jwk' }), kid: 'ec-1' }] };
    const res = await fetch(`${w.url}/_warden/oidc-jwks?issuer=${encodeURIComponent(iss)}`, { method: 'PUT', body: JSON.stringify(jwks) });
    assert.equal(res.status, 200, await res.clone().text());
    // A private key is refused.
    const bad = await fetch(`${w.url}/_warden/oidc-jwks?issuer=${encodeURIComponent(iss)}`, { method: 'PUT', body: JSON.stringify({ keys: [rsa.privateKey.export({ format: 'jwk' })] }) });
    assert.equal(bad.status, 400);
    ({ OpenIDConnectProviderArn: providerArn } = (await iam.send(new CreateOpenIDConnectProviderCommand({ Url: iss, ClientIDList: ['sts.amazonaws.com'] }))) as { OpenIDConnectProviderArn: string });
    const trust = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: providerArn },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { StringEquals: { [`${host}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${host}:sub`]: 'repo:acme/app:*' }, 'ForAnyValue:StringEquals': { [`${host}:amr`]: 'mfa' } },
        },
      ],
    };
    ({ Role: { Arn: roleArn } } = (await iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: JSON.stringify(trust) }))) as { Role: { Arn: string } });
    await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'list', PolicyDocument: doc(allow('kms:ListKeys')) }));
  });
  after(() => w.stop());

  it('issues role credentials for a valid RS256 token whose claims the trust policy accepts', async () => {
    const out = await assume(jwt(rsa.privateKey, 'RS256', 'rsa-1', claims()), { DurationSeconds: 900 });
    assert.equal(out.SubjectFromWebIdentityToken, 'repo:acme/app:ref:refs/heads/main');
    assert.equal(out.Audience, 'sts.amazonaws.com');
    assert.equal(out.Provider, iss);
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/ci`);
    assert.match(out.AssumedRoleUser!.AssumedRoleId!, /^AROA[A-Z2-7]+:ci$/);
    const creds = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };
    const who = await w.client(STSClient, { credentials: creds }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, out.AssumedRoleUser!.Arn);
    const kms = w.client(KMSClient, { credentials: creds });
    const listed = await kms.send(new ListKeysCommand({}));
    const used = await w.eventFor(listed.$metadata.requestId!);
    assert.deepEqual(used['userIdentity'].sessionContext.webIdFederationData, { federatedProvider: providerArn, attributes: {} });
    await rejects(kms.send(new CreateKeyCommand({})), 'AccessDeniedException', 400);

    const ev = await w.eventFor(out.$metadata.requestId!);
    assert.equal(ev['eventName'], 'AssumeRoleWithWebIdentity');
    assert.deepEqual(ev['userIdentity'], { type: 'WebIdentityUser', principalId: `${host}:sts.amazonaws.com:repo:acme/app:ref:refs/heads/main`, userName: 'repo:acme/app:ref:refs/heads/main', identityProvider: host });
    assert.equal(ev['recipientAccountId'], ACCOUNT);
    assert.equal(ev['responseElements'].subjectFromWebIdentityToken, 'repo:acme/app:ref:refs/heads/main');
    assert.ok(!JSON.stringify(ev).includes(out.Credentials!.SecretAccessKey!));
    assert.ok(!('webIdentityToken' in ev['requestParameters']));
  });

  it('accepts ES256 tokens and a list audience', async () => {
    const out = await assume(jwt(ec.privateKey, 'ES256', 'ec-1', claims({ aud: ['other', 'sts.amazonaws.com'] })));
    assert.equal(out.Audience, 'sts.amazonaws.com');
  });

  it('refuses tokens that fail verification, with AWS errors', async () => {
    await rejects(assume('not-a-jwt'), 'InvalidIdentityToken', 400, 'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)');
    await rejects(assume(jwt(stranger.privateKey, 'RS256', 'rsa-1', claims())), 'InvalidIdentityToken', 400);
    const tampered = jwt(rsa.privateKey, 'RS256', 'rsa-1', claims()).split('.');
    tampered[1] = b64(claims({ sub: 'repo:acme/app:evil' }));
    await rejects(assume(tampered.join('.')), 'InvalidIdentityToken', 400);
    const none = `${b64({ alg: 'none' })}.${b64(claims())}.`;
    await rejects(assume(none), 'InvalidIdentityToken', 400);
    await rejects(assume(jwt(rsa.privateKey, 'RS256', 'rsa-1', claims({ exp: now() - 10 }))), 'ExpiredTokenException', 400, /^Token expired/);
    await rejects(assume(jwt(rsa.privateKey, 'RS256', 'rsa-1', claims({ nbf: now() + 600 }))), 'InvalidIdentityToken', 400);
    await rejects(assume(jwt(rsa.privateKey, 'RS256', 'rsa-1', claims({ aud: 'someone-else' }))), 'InvalidIdentityToken', 400, 'Incorrect token audience');
    await rejects(assume(jwt(rsa.privateKey, 'RS256', 'rsa-1', claims({ iss: 'https://unknown.example.org' }))), 'InvalidIdentityToken', 400, 'No OpenIDConnect provider found in your account for https://unknown.example.org');
    const ev = await w.lastEvent('AssumeRoleWithWebIdentity');
    assert.equal(ev['errorCode'], 'InvalidIdentityToken');
  });

  it('is refused when the trust policy conditions do not hold', async () => {
    await rejects(assume(jwt(rsa.privateKey, 'RS256', 'rsa-1', claims({ sub: 'repo:evil/app:ref:refs/heads/main' }))), 'AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithWebIdentity');
    const ev = await w.lastEvent('AssumeRoleWithWebIdentity');
    assert.equal(ev['errorCode'], 'AccessDenied');
    assert.equal(ev['additionalEventData'].warden.authorization[0].decidedBy, 'role trust policy');
    await rejects(assume(jwt(rsa.privateKey, 'RS256', 'rsa-1', claims({ amr: ['pwd'] }))), 'AccessDenied', 403);
    // A role that does not trust the provider.
    const plain = unique('plain');
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: plain, AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }) }));
    await rejects(sts.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'ci', WebIdentityToken: jwt(rsa.privateKey, 'RS256', 'rsa-1', claims()) })), 'AccessDenied', 403);
  });

  it('works unsigned from both aws CLIs', async () => {
    for (const cli of AWS_CLIS) {
      const args = ['sts', 'assume-role-with-web-identity', '--role-arn', roleArn, '--role-session-name', 'cli', '--web-identity-token', jwt(rsa.privateKey, 'RS256', 'rsa-1', claims())];
      const out = await awsJson(w.url, args, { cli, key: null });
      assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/cli`, cli);
    }
  });

  it('stays fail-closed: other operations still need a signature', async () => {
    const res = await fetch(`${w.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
    assert.equal(res.status, 403);
    assert.match(await res.text(), /MissingAuthenticationToken/);
    const res2 = await fetch(`${w.url}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=AssumeRole&Version=2011-06-15&RoleArn=x&RoleSessionName=yy' });
    assert.equal(res2.status, 403);
  });
});

describe('warden oidc set-jwks', () => {
  let w: Running;
  before(async () => {
    w = await startTestWarden();
  });
  after(() => w.stop());

  it('registers an issuer keys with a running Warden, and refuses private keys', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'jwks-'));
    try {
      const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      writeFileSync(join(dir, 'pub.json'), JSON.stringify({ keys: [{ ...pair.publicKey.export({ format: 'jwk' }), kid: 'cli' }] }));
      writeFileSync(join(dir, 'priv.json'), JSON.stringify({ keys: [pair.privateKey.export({ format: 'jwk' })] }));
      const bin = new URL('../../../src/cli/warden.js', import.meta.url).pathname;
      const iss = 'https://cli-idp.example.com';
      const { stdout } = await run(process.execPath, [bin, 'oidc', 'set-jwks', '--issuer', iss, '--jwks', join(dir, 'pub.json'), '--endpoint', w.url]);
      assert.equal(stdout, `Registered 1 key(s) for OIDC issuer ${iss}\n`);
      await assert.rejects(run(process.execPath, [bin, 'oidc', 'set-jwks', '--issuer', iss, '--jwks', join(dir, 'priv.json'), '--endpoint', w.url]), (e: { stderr: string }) => /private key/.test(e.stderr));
      // The registered key verifies a token for a provider and role set up through the API.
      const iam = w.client(IAMClient);
      const { OpenIDConnectProviderArn } = await iam.send(new CreateOpenIDConnectProviderCommand({ Url: iss, ClientIDList: ['app'] }));
      const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: OpenIDConnectProviderArn }, Action: 'sts:AssumeRoleWithWebIdentity' }] };
      const { Role } = await iam.send(new CreateRoleCommand({ RoleName: unique('cli-web'), AssumeRolePolicyDocument: JSON.stringify(trust) }));
      const now = Math.floor(Date.now() / 1000);
      const token = jwt(pair.privateKey, 'ES256', 'cli', { iss, sub: 'me', aud: 'app', exp: now + 60 });
      const out = await w.client(STSClient).send(new AssumeRoleWithWebIdentityCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'cli', WebIdentityToken: token }));
      assert.equal(out.SubjectFromWebIdentityToken, 'me');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
