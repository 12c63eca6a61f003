import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateRoleCommand, IAMClient, ListUsersCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';
import { ManualClock } from '../../../src/core/clock.js';
import { startTestWarden, type Running } from '../../harness.js';
import { Sha256 } from '../../signing.js';
import { ACCOUNT, allow, doc, rejects, unique, userWithKey, type UserWithKey } from '../iam/helpers.js';

const session = (c: Credentials) => ({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
const EXPIRED = 'The security token included in the request is expired';

describe('sts temporary credentials: GetSessionToken, expiry, presigned tokens', () => {
  let w: Running;
  let clock: ManualClock;
  let root: IAMClient;
  let carol: UserWithKey;

  before(async () => {
    clock = new ManualClock(Date.now());
    w = await startTestWarden([], { clock });
    root = w.client(IAMClient);
    carol = await userWithKey(root, unique('carol'));
    await root.send(new PutUserPolicyCommand({ UserName: carol.userName, PolicyName: 'list', PolicyDocument: doc(allow(['iam:ListUsers', 'sts:AssumeRole'])) }));
  });
  after(() => w.stop());

  it('GetSessionToken gives the user session credentials that act as the user', async () => {
    const sts = w.client(STSClient, { credentials: carol.credentials });
    const out = await sts.send(new GetSessionTokenCommand({}));
    const c = out.Credentials!;
    assert.match(c.AccessKeyId!, /^ASIA/);
    assert.equal(c.Expiration!.getTime(), Math.floor(clock.now() / 1000) * 1000 + 43_200_000);
    const creds = session(c);
    const who = await w.client(STSClient, { credentials: creds }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:iam::${ACCOUNT}:user/${carol.userName}`);
    assert.match(who.UserId!, /^AIDA/);
    // Without MFA such credentials cannot call IAM at all (GetSessionToken API reference).
    await rejects(w.client(IAMClient, { credentials: creds }).send(new ListUsersCommand({})), 'InvalidClientTokenId', 403);
    const ev = await w.eventFor(who.$metadata.requestId!);
    assert.equal(ev['userIdentity'].type, 'IAMUser');
    assert.equal(ev['userIdentity'].accessKeyId, c.AccessKeyId);
    assert.equal(ev['userIdentity'].sessionContext.attributes.mfaAuthenticated, 'false');
    await rejects(w.client(KMSClient, { credentials: creds }).send(new CreateKeyCommand({})), 'AccessDeniedException', 400);
    const gev = await w.eventFor(out.$metadata.requestId!);
    assert.equal(gev['responseElements'].credentials.accessKeyId, c.AccessKeyId);
    assert.ok(!JSON.stringify(gev).includes(c.SessionToken!));
    assert.ok(!JSON.stringify(gev).includes(c.SecretAccessKey!));
    // Session credentials cannot get another session.
    await rejects(w.client(STSClient, { credentials: creds }).send(new GetSessionTokenCommand({})), 'AccessDenied', 403, 'Cannot call GetSessionToken with session credentials');
  });

  it('bounds GetSessionToken durations; the root user gets at most one hour', async () => {
    const sts = w.client(STSClient, { credentials: carol.credentials });
    await rejects(sts.send(new GetSessionTokenCommand({ DurationSeconds: 129_601 })), 'ValidationError', 400, /durationSeconds/);
    const max = await sts.send(new GetSessionTokenCommand({ DurationSeconds: 129_600 }));
    assert.equal(max.Credentials!.Expiration!.getTime(), Math.floor(clock.now() / 1000) * 1000 + 129_600_000);
    const rootOut = await w.client(STSClient).send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    assert.equal(rootOut.Credentials!.Expiration!.getTime(), Math.floor(clock.now() / 1000) * 1000 + 3_600_000);
    await rejects(sts.send(new GetSessionTokenCommand({ SerialNumber: `arn:aws:iam::${ACCOUNT}:mfa/carol`, TokenCode: '123456' })), 'AccessDenied', 403, /^MultiFactorAuthentication failed/);
  });

  it('refuses an expired session with ExpiredToken (query) and ExpiredTokenException (JSON)', async () => {
    const role = unique('short');
    const { Role } = await root.send(
      new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] }) }),
    );
    const out = await w.client(STSClient, { credentials: carol.credentials }).send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'brief', DurationSeconds: 900 }));
    const creds = session(out.Credentials!);
    await w.client(STSClient, { credentials: creds }).send(new GetCallerIdentityCommand({}));
    // Warden's clock moves on; the clients sign with the same offset so signatures stay in the 5-minute window.
    const later = (ms: number) => ({ credentials: creds, systemClockOffset: ms });
    try {
      clock.advance(899_000);
      await w.client(STSClient, later(899_000)).send(new GetCallerIdentityCommand({}));
      clock.advance(2_000);
      await rejects(w.client(STSClient, later(901_000)).send(new GetCallerIdentityCommand({})), 'ExpiredToken', 400, EXPIRED);
      const e = await rejects(w.client(KMSClient, later(901_000)).send(new CreateKeyCommand({})), 'ExpiredTokenException', 400, EXPIRED);
      const ev = await w.eventFor(e.$metadata.requestId);
      assert.equal(ev['errorCode'], 'ExpiredTokenException');
      assert.equal(ev['userIdentity'].accessKeyId, creds.accessKeyId);
    } finally {
      clock.set(Date.now());
    }
  });

  it('accepts the session token in a presigned query and refuses a wrong one', async () => {
    const c = session((await w.client(STSClient, { credentials: carol.credentials }).send(new GetSessionTokenCommand({}))).Credentials!);
    const u = new URL(w.url);
    const presign = async (credentials: typeof c) => {
      const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials, sha256: Sha256 });
      const req = await signer.presign(
        { method: 'GET', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: '/', query: { Action: 'GetCallerIdentity', Version: '2011-06-15' }, headers: { host: u.host } },
        { expiresIn: 300 },
      );
      const qs = new URLSearchParams(req.query as Record<string, string>).toString();
      return fetch(`${w.url}/?${qs}`);
    };
    const ok = await presign(c);
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), new RegExp(`user/${carol.userName}<`));
    const bad = await presign({ ...c, sessionToken: c.sessionToken.slice(1) });
    assert.equal(bad.status, 403);
    assert.match(await bad.text(), /<Code>InvalidClientTokenId<\/Code>/);
  });
});
