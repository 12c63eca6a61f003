import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreatePolicyCommand, IAMClient, ListUsersCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { CreateKeyCommand, DescribeKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { GetAccessKeyInfoCommand, GetCallerIdentityCommand, GetFederationTokenCommand, GetSessionTokenCommand, STSClient, type Credentials } from '@aws-sdk/client-sts';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, allow, deny, doc, rejects, unique, userWithKey, type UserWithKey } from '../iam/helpers.js';

const session = (c: Credentials) => ({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });

describe('sts GetAccessKeyInfo', () => {
  let w: Running;
  before(async () => {
    w = await startTestWarden();
  });
  after(() => w.stop());

  it('names the account of keys Warden issued, of session keys, and of ids it never saw', async () => {
    const root = w.client(IAMClient);
    const bob = await userWithKey(root, unique('bob'));
    const sts = w.client(STSClient);
    const out = await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: bob.accessKeyId }));
    assert.equal(out.Account, ACCOUNT);
    const ev = await w.eventFor(out.$metadata.requestId!);
    assert.equal(ev['eventName'], 'GetAccessKeyInfo');
    assert.deepEqual(ev['requestParameters'], { accessKeyId: bob.accessKeyId });
    // A second account's user (the development profile's 12-digit key is that account's root).
    const other = w.client(IAMClient, { credentials: { accessKeyId: '111122223333', secretAccessKey: 'x' } });
    const carol = await userWithKey(other, unique('carol'));
    assert.equal((await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: carol.accessKeyId }))).Account, '111122223333');
    const tmp = await w.client(STSClient, { credentials: carol.credentials }).send(new GetSessionTokenCommand({}));
    assert.equal((await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: tmp.Credentials!.AccessKeyId! }))).Account, '111122223333');
    // Ids Warden never issued: the account AWS's encoding carries (Aidan Steele's worked example).
    assert.equal((await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'ASIAY34FZKBOKMUTVV7A' }))).Account, '609629065308');
  });

  it('needs sts:GetAccessKeyInfo; rejects ids that are too short or not ids', async () => {
    const root = w.client(IAMClient);
    const dan = await userWithKey(root, unique('dan'));
    const sts = w.client(STSClient, { credentials: dan.credentials });
    await rejects(sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: dan.accessKeyId })), 'AccessDenied', 403, `User: arn:aws:iam::${ACCOUNT}:user/${dan.userName} is not authorized to perform: sts:GetAccessKeyInfo because no identity-based policy allows the sts:GetAccessKeyInfo action`);
    await root.send(new PutUserPolicyCommand({ UserName: dan.userName, PolicyName: 'info', PolicyDocument: doc(allow('sts:GetAccessKeyInfo')) }));
    assert.equal((await sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: dan.accessKeyId }))).Account, ACCOUNT);
    await rejects(sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIA123' })), 'ValidationError', 400, /accessKeyId/);
    await rejects(sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'not_a_key_id_at_all_1' })), 'ValidationError', 400);
  });
});

describe('sts GetFederationToken', () => {
  let w: Running;
  let root: IAMClient;
  let erin: UserWithKey;
  let erinSts: STSClient;

  before(async () => {
    w = await startTestWarden();
    root = w.client(IAMClient);
    erin = await userWithKey(root, unique('erin'));
    erinSts = w.client(STSClient, { credentials: erin.credentials });
  });
  after(() => w.stop());

  it('needs sts:GetFederationToken on the federated-user ARN', async () => {
    await rejects(
      erinSts.send(new GetFederationTokenCommand({ Name: 'fed1', Policy: doc(allow('kms:*')) })),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${ACCOUNT}:user/${erin.userName} is not authorized to perform: sts:GetFederationToken on resource: arn:aws:sts::${ACCOUNT}:federated-user/fed1 because no identity-based policy allows the sts:GetFederationToken action`,
    );
    const ev = await w.lastEvent('GetFederationToken');
    assert.equal(ev['errorCode'], 'AccessDenied');
  });

  it('issues credentials whose permissions are the user policies ∩ the session policy', async () => {
    await root.send(new PutUserPolicyCommand({ UserName: erin.userName, PolicyName: 'fed', PolicyDocument: doc(allow(['sts:GetFederationToken', 'kms:ListKeys', 'kms:CreateKey', 'iam:ListUsers'])) }));
    const out = await erinSts.send(new GetFederationTokenCommand({ Name: 'fed-user@x', Policy: doc(allow(['kms:ListKeys', 'kms:DescribeKey', 'iam:ListUsers'])), DurationSeconds: 900 }));
    const arn = `arn:aws:sts::${ACCOUNT}:federated-user/fed-user@x`;
    assert.deepEqual(out.FederatedUser, { FederatedUserId: `${ACCOUNT}:fed-user@x`, Arn: arn });
    assert.match(out.Credentials!.AccessKeyId!, /^ASIA/);
    assert.ok(out.PackedPolicySize! > 0);
    const lifetime = out.Credentials!.Expiration!.getTime() - Date.now();
    assert.ok(lifetime > 890_000 && lifetime <= 900_000, String(lifetime));
    const gev = await w.eventFor(out.$metadata.requestId!);
    assert.equal(gev['responseElements'].federatedUser.arn, arn);
    assert.equal(gev['requestParameters'].name, 'fed-user@x');
    assert.ok(!JSON.stringify(gev).includes(out.Credentials!.SecretAccessKey!));

    const creds = session(out.Credentials!);
    const who = await w.client(STSClient, { credentials: creds }).send(new GetCallerIdentityCommand({}));
    assert.deepEqual([who.Arn, who.UserId, who.Account], [arn, `${ACCOUNT}:fed-user@x`, ACCOUNT]);
    const kms = w.client(KMSClient, { credentials: creds });
    const listed = await kms.send(new ListKeysCommand({}));
    const ev = await w.eventFor(listed.$metadata.requestId!);
    assert.equal(ev['userIdentity'].type, 'FederatedUser');
    assert.equal(ev['userIdentity'].arn, arn);
    assert.equal(ev['userIdentity'].principalId, `${ACCOUNT}:fed-user@x`);
    assert.equal(ev['userIdentity'].sessionContext.sessionIssuer.type, 'IAMUser');
    assert.equal(ev['userIdentity'].sessionContext.sessionIssuer.userName, erin.userName);
    // In the user's policies but not the session policy.
    await rejects(kms.send(new CreateKeyCommand({})), 'AccessDeniedException', 400, /because no session policy allows the kms:CreateKey action$/);
    // In the session policy but not the user's policies.
    const { KeyMetadata } = await w.client(KMSClient).send(new CreateKeyCommand({}));
    await rejects(kms.send(new DescribeKeyCommand({ KeyId: KeyMetadata!.Arn! })), 'AccessDeniedException', 400, /because no identity-based policy allows/);
    // IAM and STS (but GetCallerIdentity) are closed to federated users whatever the policies say.
    await rejects(w.client(IAMClient, { credentials: creds }).send(new ListUsersCommand({})), 'AccessDenied', 403);
    await rejects(w.client(STSClient, { credentials: creds }).send(new GetFederationTokenCommand({ Name: 'again' })), 'AccessDenied', 403, 'Cannot call GetFederationToken with session credentials');
    await rejects(w.client(STSClient, { credentials: creds }).send(new GetSessionTokenCommand({})), 'AccessDenied', 403);
  });

  it('has no permissions without a session policy; PolicyArns count as session policies', async () => {
    const bare = await erinSts.send(new GetFederationTokenCommand({ Name: 'bare' }));
    assert.equal(bare.PackedPolicySize, undefined);
    await rejects(w.client(KMSClient, { credentials: session(bare.Credentials!) }).send(new ListKeysCommand({})), 'AccessDeniedException', 400, /because no session policy allows the kms:ListKeys action$/);
    const { Policy } = await root.send(new CreatePolicyCommand({ PolicyName: unique('fedlist'), PolicyDocument: doc(allow('kms:ListKeys')) }));
    const viaArn = await erinSts.send(new GetFederationTokenCommand({ Name: 'by-arn', PolicyArns: [{ arn: Policy!.Arn! }] }));
    await w.client(KMSClient, { credentials: session(viaArn.Credentials!) }).send(new ListKeysCommand({}));
    // An explicit deny in the session policy wins.
    const denied = await erinSts.send(new GetFederationTokenCommand({ Name: 'denied', Policy: doc(allow('kms:*'), deny('kms:ListKeys')) }));
    await rejects(w.client(KMSClient, { credentials: session(denied.Credentials!) }).send(new ListKeysCommand({})), 'AccessDeniedException', 400, /with an explicit deny in a sessions policy$/);
  });

  it('bounds the duration and the name; the root user gets at most one hour', async () => {
    await rejects(erinSts.send(new GetFederationTokenCommand({ Name: 'x' })), 'ValidationError', 400, /name/);
    await rejects(erinSts.send(new GetFederationTokenCommand({ Name: 'bad name' })), 'ValidationError', 400, /name/);
    await rejects(erinSts.send(new GetFederationTokenCommand({ Name: 'ok', DurationSeconds: 899 })), 'ValidationError', 400, /durationSeconds/);
    await rejects(erinSts.send(new GetFederationTokenCommand({ Name: 'ok', DurationSeconds: 129_601 })), 'ValidationError', 400, /durationSeconds/);
    await rejects(erinSts.send(new GetFederationTokenCommand({ Name: 'ok', Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}' })), 'MalformedPolicyDocument', 400);
    const long = await erinSts.send(new GetFederationTokenCommand({ Name: 'long', DurationSeconds: 129_600 }));
    assert.ok(long.Credentials!.Expiration!.getTime() - Date.now() > 129_590_000);
    const r = await w.client(STSClient).send(new GetFederationTokenCommand({ Name: 'rootfed', DurationSeconds: 7200, Policy: doc(allow('kms:ListKeys')) }));
    assert.ok(r.Credentials!.Expiration!.getTime() - Date.now() <= 3_600_000);
    const k = await w.client(KMSClient, { credentials: session(r.Credentials!) }).send(new ListKeysCommand({}));
    const ev = await w.eventFor(k.$metadata.requestId!);
    assert.equal(ev['userIdentity'].sessionContext.sessionIssuer.type, 'Root');
  });
});
