import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient, ListUsersCommand, PutRolePolicyCommand, PutUserPolicyCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { startTestWarden, type Running } from '../../harness.js';
import { signedFetch } from '../../signing.js';
import { ACCOUNT, allow, doc, rejects, unique, userWithKey, type UserWithKey } from '../iam/helpers.js';

const trust = (principal: object, extra: object = {}): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }] });
const ACCOUNT_ROOT = { AWS: `arn:aws:iam::${ACCOUNT}:root` };

const session = (c: Credentials) => ({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });

describe('sts AssumeRole', () => {
  let w: Running;
  let root: IAMClient;
  let alice: UserWithKey;
  let aliceSts: STSClient;
  let roleArn: string;
  let roleId: string;
  const roleName = unique('ops');

  before(async () => {
    w = await startTestWarden();
    root = w.client(IAMClient);
    alice = await userWithKey(root, unique('alice'));
    aliceSts = w.client(STSClient, { credentials: alice.credentials });
    const { Role } = await root.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: trust(ACCOUNT_ROOT) }));
    roleArn = Role!.Arn!;
    roleId = Role!.RoleId!;
    await root.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'kms-and-iam', PolicyDocument: doc(allow(['kms:CreateKey', 'iam:ListUsers'])) }));
  });
  after(() => w.stop());

  it('denies a caller without an identity allow when the trust policy delegates to the account', async () => {
    await rejects(
      aliceSts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 's1' })),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${ACCOUNT}:user/${alice.userName} is not authorized to perform: sts:AssumeRole on resource: ${roleArn} because no identity-based policy allows the sts:AssumeRole action`,
    );
  });

  it('issues a session that acts as the role, audited as AssumedRole', async () => {
    await root.send(new PutUserPolicyCommand({ UserName: alice.userName, PolicyName: 'assume', PolicyDocument: doc(allow('sts:AssumeRole', roleArn)) }));
    const out = await aliceSts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'alice-session' }));
    const c = out.Credentials!;
    assert.match(c.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(c.SecretAccessKey!.length, 40);
    assert.ok(c.SessionToken!.length > 300);
    const lifetime = c.Expiration!.getTime() - Date.now();
    assert.ok(lifetime > 3590_000 && lifetime <= 3600_000, String(lifetime));
    assert.deepEqual(out.AssumedRoleUser, { AssumedRoleId: `${roleId}:alice-session`, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/alice-session` });
    assert.equal(out.PackedPolicySize, undefined);

    const ev = await w.eventFor(out.$metadata.requestId!);
    assert.equal(ev['eventName'], 'AssumeRole');
    assert.equal(ev['readOnly'], true);
    assert.deepEqual(ev['requestParameters'], { roleArn, roleSessionName: 'alice-session' });
    assert.equal(ev['responseElements'].credentials.accessKeyId, c.AccessKeyId);
    assert.match(ev['responseElements'].credentials.expiration, /^[A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d\d:\d\d [AP]M$/);
    assert.deepEqual(ev['responseElements'].assumedRoleUser, { assumedRoleId: `${roleId}:alice-session`, arn: out.AssumedRoleUser!.Arn });
    const text = JSON.stringify(ev);
    assert.ok(!text.includes(c.SecretAccessKey!), 'the secret is never logged');
    assert.ok(!text.includes(c.SessionToken!), 'the session token is never logged');
    assert.equal(ev['userIdentity'].type, 'IAMUser');

    const sts = w.client(STSClient, { credentials: session(c) });
    const who = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, out.AssumedRoleUser!.Arn);
    assert.equal(who.UserId, `${roleId}:alice-session`);
    assert.equal(who.Account, ACCOUNT);

    const kms = w.client(KMSClient, { credentials: session(c) });
    const key = await kms.send(new CreateKeyCommand({}));
    const kev = await w.eventFor(key.$metadata.requestId!);
    const id = kev['userIdentity'];
    assert.equal(id.type, 'AssumedRole');
    assert.equal(id.principalId, `${roleId}:alice-session`);
    assert.equal(id.arn, out.AssumedRoleUser!.Arn);
    assert.equal(id.accountId, ACCOUNT);
    assert.equal(id.accessKeyId, c.AccessKeyId);
    const ctx = id.sessionContext;
    assert.deepEqual(ctx.sessionIssuer, { type: 'Role', principalId: roleId, arn: roleArn, accountId: ACCOUNT, userName: roleName });
    assert.equal(ctx.attributes.mfaAuthenticated, 'false');
    assert.match(ctx.attributes.creationDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const iam = w.client(IAMClient, { credentials: session(c) });
    await iam.send(new ListUsersCommand({}));
    // The role allows nothing else; alice's own policies do not carry over.
    await rejects(iam.send(new PutUserPolicyCommand({ UserName: alice.userName, PolicyName: 'x', PolicyDocument: doc(allow('*')) })), 'AccessDenied', 403, /assumed-role\/.*iam:PutUserPolicy.*because no identity-based policy allows/);
  });

  it('narrows the session with an inline session policy and reports PackedPolicySize', async () => {
    const out = await aliceSts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'narrow', Policy: doc(allow('iam:ListUsers')) }));
    assert.ok(out.PackedPolicySize! >= 1 && out.PackedPolicySize! <= 100);
    const creds = session(out.Credentials!);
    await w.client(IAMClient, { credentials: creds }).send(new ListUsersCommand({}));
    await rejects(w.client(KMSClient, { credentials: creds }).send(new CreateKeyCommand({})), 'AccessDeniedException', 400, /kms:CreateKey because no session policy allows the kms:CreateKey action/);
  });

  it('takes managed policy ARNs (AWS managed too) as session policies', async () => {
    const out = await aliceSts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'managed', PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }] }));
    const creds = session(out.Credentials!);
    await w.client(IAMClient, { credentials: creds }).send(new ListUsersCommand({}));
    await rejects(w.client(KMSClient, { credentials: creds }).send(new CreateKeyCommand({})), 'AccessDeniedException', 400, /no session policy allows/);
  });

  it('refuses a malformed session policy', async () => {
    await rejects(aliceSts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'bad', Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}' })), 'MalformedPolicyDocument', 400);
  });

  it('refuses a missing, wrong or foreign session token', async () => {
    const a = (await aliceSts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'tokens' }))).Credentials!;
    const b = (await aliceSts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'tokens2' }))).Credentials!;
    const invalid = 'The security token included in the request is invalid.';
    const { sessionToken: _t, ...noToken } = session(a);
    await rejects(w.client(STSClient, { credentials: noToken }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403, invalid);
    await rejects(w.client(STSClient, { credentials: { ...session(a), sessionToken: b.SessionToken! } }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403, invalid);
    await rejects(w.client(KMSClient, { credentials: { ...session(a), sessionToken: 'x' + a.SessionToken! } }).send(new CreateKeyCommand({})), 'UnrecognizedClientException', 400, invalid);
    // A raw request with the token as a header works.
    const res = await signedFetch(w.url, { service: 'sts', body: 'Action=GetCallerIdentity&Version=2011-06-15', credentials: session(a) });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /assumed-role\/.*\/tokens</);
  });

  it('bounds DurationSeconds by the role and by role chaining', async () => {
    await rejects(
      aliceSts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'long', DurationSeconds: 7200 })),
      'ValidationError',
      400,
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
    await rejects(aliceSts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'short', DurationSeconds: 899 })), 'ValidationError', 400, /durationSeconds/);
    const out = await aliceSts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'short', DurationSeconds: 900 }));
    assert.ok(out.Credentials!.Expiration!.getTime() - Date.now() <= 900_000);

    const longName = unique('long');
    const { Role } = await root.send(new CreateRoleCommand({ RoleName: longName, MaxSessionDuration: 14400, AssumeRolePolicyDocument: trust({ AWS: roleArn }) }));
    const long = await aliceSts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'chain' }));
    // The first role may assume the second (its trust names the role; the role's policies need not).
    const chained = w.client(STSClient, { credentials: session(long.Credentials!) });
    await rejects(
      chained.send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'c2', DurationSeconds: 7200 })),
      'ValidationError',
      400,
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
    const c2 = await chained.send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'c2' }));
    assert.equal(c2.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/${longName}/c2`);
  });

  it('lets a trust policy naming the user suffice in the same account, and checks sts:ExternalId', async () => {
    const bob = await userWithKey(root, unique('bob'));
    const name = unique('vendor');
    const { Role } = await root.send(
      new CreateRoleCommand({
        RoleName: name,
        AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${ACCOUNT}:user/${bob.userName}` }, { Condition: { StringEquals: { 'sts:ExternalId': 'ext-123' } } }),
      }),
    );
    const sts = w.client(STSClient, { credentials: bob.credentials });
    await rejects(sts.send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'vv' })), 'AccessDenied', 403, /because no role trust policy allows the sts:AssumeRole action/);
    await rejects(sts.send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'vv', ExternalId: 'wrong' })), 'AccessDenied', 403);
    const ok = await sts.send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'vv', ExternalId: 'ext-123' }));
    assert.match(ok.Credentials!.AccessKeyId!, /^ASIA/);
    const ev = await w.eventFor(ok.$metadata.requestId!);
    assert.equal(ev['requestParameters'].externalId, 'ext-123');
  });

  it('denies an absent role like an untrusting one', async () => {
    const missing = `arn:aws:iam::${ACCOUNT}:role/nope-${process.pid}`;
    await root.send(new PutUserPolicyCommand({ UserName: alice.userName, PolicyName: 'assume-any', PolicyDocument: doc(allow('sts:AssumeRole')) }));
    await rejects(aliceSts.send(new AssumeRoleCommand({ RoleArn: missing, RoleSessionName: 'xx' })), 'AccessDenied', 403, /is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::000000000000:role\/nope-/);
  });

  it('applies session tags as aws:PrincipalTag and needs sts:TagSession in the trust policy', async () => {
    const name = unique('tagged');
    const stmt = (action: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: ACCOUNT_ROOT, Action: action }] });
    const { Role } = await root.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: stmt(['sts:AssumeRole']) }));
    await root.send(
      new PutRolePolicyCommand({
        RoleName: name,
        PolicyName: 'by-tag',
        PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } }),
      }),
    );
    const tags = [{ Key: 'team', Value: 'blue' }];
    await rejects(aliceSts.send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'tt', Tags: tags })), 'AccessDenied', 403, /sts:TagSession/);
    // The trust policy delegates to the account, so alice's identity policies must allow tagging too.
    await root.send(new PutUserPolicyCommand({ UserName: alice.userName, PolicyName: 'tag', PolicyDocument: doc(allow('sts:TagSession')) }));
    await root.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: stmt(['sts:AssumeRole', 'sts:TagSession']) }));
    const tagged = await aliceSts.send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'tt', Tags: tags }));
    assert.ok(tagged.PackedPolicySize! >= 1);
    await w.client(IAMClient, { credentials: session(tagged.Credentials!) }).send(new ListUsersCommand({}));
    const plain = await aliceSts.send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'uu' }));
    await rejects(w.client(IAMClient, { credentials: session(plain.Credentials!) }).send(new ListUsersCommand({})), 'AccessDenied', 403);
  });

  it('attached managed policies of the role apply to its sessions', async () => {
    const name = unique('managed-role');
    const { Role } = await root.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust(ACCOUNT_ROOT) }));
    await root.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    const out = await aliceSts.send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'mm' }));
    await w.client(IAMClient, { credentials: session(out.Credentials!) }).send(new ListUsersCommand({}));
  });
});
