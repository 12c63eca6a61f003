import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  GetUserCommand,
  IAMClient,
  ListRolesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
  DeleteAccessKeyCommand,
  CreateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, allow, asUser, deny, doc, eventOf, rejects, userWithKey } from './helpers.js';

const INVALID_TOKEN = 'The security token included in the request is invalid.';

describe('iam enforcement: identities, policies and keys the engine enforces', () => {
  let w: Running;
  let root: IAMClient;
  before(async () => {
    w = await startTestWarden();
    root = w.client(IAMClient);
  });
  after(() => w.stop());

  it('denies an IAM user without policies with AWS exact text, and audits the explanation', async () => {
    const alice = await userWithKey(root, 'alice');
    const e = await rejects(
      asUser(w, alice).send(new ListUsersCommand({})),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${ACCOUNT}:user/alice is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT}:user/ because no identity-based policy allows the iam:ListUsers action`,
    );
    const ev = await w.eventFor(e.$metadata.requestId);
    assert.equal(ev['errorCode'], 'AccessDenied');
    assert.equal(ev['eventSource'], 'iam.amazonaws.com');
    assert.equal(ev['awsRegion'], 'us-east-1');
    assert.deepEqual(ev['userIdentity'], {
      type: 'IAMUser',
      principalId: ev['userIdentity'].principalId,
      arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
      accountId: ACCOUNT,
      accessKeyId: alice.accessKeyId,
      userName: 'alice',
    });
    assert.match(ev['userIdentity'].principalId, /^AIDA[A-Z2-7]{17}$/);
    const [d] = ev['additionalEventData'].warden.authorization;
    assert.equal(d.action, 'iam:ListUsers');
    assert.equal(d.allowed, false);
    assert.equal(d.decidedBy, 'identity-based policy');
    assert.match(d.explanation, /implicitly denied/);
  });

  it('an inline allow permits; the event names the granting statement', async () => {
    await root.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'list', PolicyDocument: doc(allow('iam:ListUsers')) }));
    const alice = asUserNamed('alice');
    const out = await (await alice).send(new ListUsersCommand({}));
    assert.ok(out.Users!.some((u) => u.UserName === 'alice'));
    const ev = await eventOf(w, out);
    const [d] = ev['additionalEventData'].warden.authorization;
    assert.equal(d.allowed, true);
    assert.equal(d.statement.policyId, 'user/alice/inline/list');
  });

  it('STS GetCallerIdentity answers the user with its AIDA id', async () => {
    const bob = await userWithKey(root, 'bob', { Path: '/team/' });
    const out = await w.client(STSClient, { credentials: bob.credentials }).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, ACCOUNT);
    assert.equal(out.Arn, `arn:aws:iam::${ACCOUNT}:user/team/bob`);
    assert.match(out.UserId!, /^AIDA[A-Z2-7]{17}$/);
    const { User } = await root.send(new GetUserCommand({ UserName: 'bob' }));
    assert.equal(out.UserId, User!.UserId);
  });

  it('an explicit deny in a group policy wins over the user allow', async () => {
    const carol = await userWithKey(root, 'carol');
    await root.send(new PutUserPolicyCommand({ UserName: 'carol', PolicyName: 'all-iam', PolicyDocument: doc(allow('iam:*')) }));
    await root.send(new CreateGroupCommand({ GroupName: 'no-listing' }));
    await root.send(new PutGroupPolicyCommand({ GroupName: 'no-listing', PolicyName: 'deny-list', PolicyDocument: doc(deny('iam:ListRoles')) }));
    const c = asUser(w, carol);
    await c.send(new ListRolesCommand({}));
    await root.send(new AddUserToGroupCommand({ GroupName: 'no-listing', UserName: 'carol' }));
    const e = await rejects(
      c.send(new ListRolesCommand({})),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${ACCOUNT}:user/carol is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::${ACCOUNT}:role/ with an explicit deny in an identity-based policy`,
    );
    const ev = await w.eventFor(e.$metadata.requestId);
    assert.equal(ev['additionalEventData'].warden.authorization[0].statement.policyId, 'group/no-listing/inline/deny-list');
    await c.send(new ListUsersCommand({})); // the rest of iam:* still works
  });

  it('a permissions boundary limits what identity policies grant', async () => {
    const dave = await userWithKey(root, 'dave');
    await root.send(new PutUserPolicyCommand({ UserName: 'dave', PolicyName: 'all-iam', PolicyDocument: doc(allow('iam:*')) }));
    const { Policy } = await root.send(new CreatePolicyCommand({ PolicyName: 'only-get-user', PolicyDocument: doc(allow('iam:GetUser')) }));
    await root.send(new PutUserPermissionsBoundaryCommand({ UserName: 'dave', PermissionsBoundary: Policy!.Arn! }));
    const d = asUser(w, dave);
    await d.send(new GetUserCommand({}));
    await rejects(
      d.send(new ListUsersCommand({})),
      'AccessDenied',
      403,
      `User: arn:aws:iam::${ACCOUNT}:user/dave is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCOUNT}:user/ because no permissions boundary allows the iam:ListUsers action`,
    );
  });

  it('an attached AWS managed policy (IAMReadOnlyAccess) grants reads, not writes', async () => {
    const erin = await userWithKey(root, 'erin');
    await root.send(new AttachUserPolicyCommand({ UserName: 'erin', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    const e = asUser(w, erin);
    const out = await e.send(new ListUsersCommand({}));
    const ev = await eventOf(w, out);
    assert.equal(ev['additionalEventData'].warden.authorization[0].statement.policyId, 'arn:aws:iam::aws:policy/IAMReadOnlyAccess');
    await rejects(e.send(new CreateGroupCommand({ GroupName: 'nope' })), 'AccessDenied', 403, /iam:CreateGroup on resource: arn:aws:iam::000000000000:group\/nope because no identity-based policy allows/);
  });

  it('the engine enforces IAM users on other services too (KMS)', async () => {
    const frank = await userWithKey(root, 'frank');
    const kms = w.client(KMSClient, { credentials: frank.credentials });
    await rejects(kms.send(new CreateKeyCommand({})), 'AccessDeniedException', 400, /user\/frank is not authorized to perform: kms:CreateKey/);
    await root.send(new AttachUserPolicyCommand({ UserName: 'frank', PolicyArn: 'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser' }));
    const out = await kms.send(new CreateKeyCommand({}));
    assert.ok(out.KeyMetadata?.KeyId);
  });

  it('a deactivated key is refused with InvalidClientTokenId; reactivated it works again', async () => {
    const gina = await userWithKey(root, 'gina');
    await root.send(new PutUserPolicyCommand({ UserName: 'gina', PolicyName: 'get', PolicyDocument: doc(allow('iam:GetUser')) }));
    const g = asUser(w, gina);
    await g.send(new GetUserCommand({}));
    await root.send(new UpdateAccessKeyCommand({ UserName: 'gina', AccessKeyId: gina.accessKeyId, Status: 'Inactive' }));
    const e = await rejects(g.send(new GetUserCommand({})), 'InvalidClientTokenId', 403, INVALID_TOKEN);
    const ev = await w.eventFor(e.$metadata.requestId);
    assert.equal(ev['errorCode'], 'InvalidClientTokenId');
    await rejects(w.client(KMSClient, { credentials: gina.credentials }).send(new CreateKeyCommand({})), 'UnrecognizedClientException', 400, INVALID_TOKEN);
    await root.send(new UpdateAccessKeyCommand({ UserName: 'gina', AccessKeyId: gina.accessKeyId, Status: 'Active' }));
    await g.send(new GetUserCommand({}));
  });

  it('a deleted key is refused even in the development profile (never taken for root)', async () => {
    const hal = await userWithKey(root, 'hal');
    await root.send(new DeleteAccessKeyCommand({ UserName: 'hal', AccessKeyId: hal.accessKeyId }));
    await rejects(w.client(STSClient, { credentials: hal.credentials }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', 403, INVALID_TOKEN);
  });

  it('a wrong secret for a user key is SignatureDoesNotMatch', async () => {
    const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: 'hal' }));
    const bad = w.client(IAMClient, { credentials: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: 'x'.repeat(40) } });
    await rejects(bad.send(new GetUserCommand({})), 'SignatureDoesNotMatch', 403);
  });

  const asUserNamed = async (name: string): Promise<IAMClient> => {
    const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: name }));
    return w.client(IAMClient, { credentials: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } });
  };
});

describe('iam enforcement in the secure profile', () => {
  it('keys issued by CreateAccessKey work in the secure profile, and unknown keys do not', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { createRootAccessKey } = await import('../../../src/auth/credentials.js');
    const { Barrier } = await import('../../../src/crypto/barrier.js');
    const dir = mkdtempSync(join(tmpdir(), 'warden-iam-'));
    const env = { WARDEN_ROOT_KEY: randomBytes(32).toString('base64') };
    const w = await startTestWarden(['--secure', '--data-dir', dir, '--in-memory=false'], {}, env);
    try {
      const rootKey = await createRootAccessKey(w.warden.store, await Barrier.open(w.warden.store, Buffer.from(env.WARDEN_ROOT_KEY, 'base64')), ACCOUNT, Date.now());
      const root = w.client(IAMClient, { credentials: rootKey });
      const ivy = await userWithKey(root, 'ivy');
      const out = await w.client(STSClient, { credentials: ivy.credentials }).send(new GetCallerIdentityCommand({}));
      assert.equal(out.Arn, `arn:aws:iam::${ACCOUNT}:user/ivy`);
      await rejects(w.client(IAMClient).send(new GetUserCommand({})), 'InvalidClientTokenId', 403, INVALID_TOKEN);
    } finally {
      await w.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
