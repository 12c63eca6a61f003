import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsWithEntitiesCommand,
  IAMClient,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, allow, doc, eventOf, rejects, unique, userWithKey, type UserWithKey } from './helpers.js';

const trustAccount = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] });

describe('iam service last accessed', () => {
  let w: Running;
  let root: IAMClient;
  let alice: UserWithKey;
  before(async () => {
    w = await startTestWarden();
    root = w.client(IAMClient);
    alice = await userWithKey(root, unique('alice'));
    // KMS and STS used, Secrets Manager allowed but never called.
    await root.send(new PutUserPolicyCommand({ UserName: alice.userName, PolicyName: 'p', PolicyDocument: doc(allow(['kms:CreateKey', 'secretsmanager:ListSecrets', 'sts:GetCallerIdentity'])) }));
  });
  after(() => w.stop());

  const report = async (arn: string, granularity?: 'SERVICE_LEVEL' | 'ACTION_LEVEL') => {
    const { JobId } = await root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn, ...(granularity ? { Granularity: granularity } : {}) }));
    assert.match(JobId!, /^[0-9a-f-]{36}$/);
    return { JobId: JobId!, out: await root.send(new GetServiceLastAccessedDetailsCommand({ JobId })) };
  };

  it('a user: the services its policies allow, with the last call to the ones it used', async () => {
    const arn = `arn:aws:iam::${ACCOUNT}:user/${alice.userName}`;
    const before = Date.now() - 1000;
    await w.client(KMSClient, { credentials: alice.credentials }).send(new CreateKeyCommand({}));
    await w.client(STSClient, { credentials: alice.credentials }).send(new GetCallerIdentityCommand({}));
    const { JobId, out } = await report(arn);
    assert.equal(out.JobStatus, 'COMPLETED');
    assert.equal(out.JobType, 'SERVICE_LEVEL');
    assert.ok(out.JobCreationDate instanceof Date && out.JobCompletionDate instanceof Date);
    assert.equal(out.IsTruncated, false);
    const by = new Map(out.ServicesLastAccessed!.map((s) => [s.ServiceNamespace!, s]));
    assert.deepEqual([...by.keys()].sort(), ['kms', 'secretsmanager', 'sts']);
    for (const ns of ['kms', 'sts']) {
      const s = by.get(ns)!;
      assert.ok(s.LastAuthenticated!.getTime() >= before, ns);
      assert.equal(s.LastAuthenticatedEntity, arn);
      assert.equal(s.LastAuthenticatedRegion, 'us-east-1');
      assert.equal(s.TotalAuthenticatedEntities, 1);
    }
    assert.equal(by.get('kms')!.ServiceName, 'AWS Key Management Service');
    const unused = by.get('secretsmanager')!;
    assert.equal(unused.LastAuthenticated, undefined);
    assert.equal(unused.LastAuthenticatedEntity, undefined);
    assert.equal(unused.TotalAuthenticatedEntities, 0);

    const ent = await root.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId, ServiceNamespace: 'kms' }));
    assert.equal(ent.JobStatus, 'COMPLETED');
    assert.equal(ent.EntityDetailsList!.length, 1);
    assert.deepEqual({ ...ent.EntityDetailsList![0]!.EntityInfo }, { Arn: arn, Name: alice.userName, Type: 'USER', Id: ent.EntityDetailsList![0]!.EntityInfo!.Id, Path: '/' });
    assert.match(ent.EntityDetailsList![0]!.EntityInfo!.Id!, /^AIDA/);
    assert.ok(ent.EntityDetailsList![0]!.LastAuthenticated instanceof Date);

    const page = await root.send(new GetServiceLastAccessedDetailsCommand({ JobId, MaxItems: 2 }));
    assert.equal(page.ServicesLastAccessed!.length, 2);
    assert.equal(page.IsTruncated, true);
    const rest = await root.send(new GetServiceLastAccessedDetailsCommand({ JobId, MaxItems: 2, Marker: page.Marker }));
    assert.equal(rest.ServicesLastAccessed!.length, 1);
    assert.equal(rest.IsTruncated, false);
  });

  it('a role through its sessions; a group through its members; a policy through its users', async () => {
    const roleName = unique('ops');
    const { Role } = await root.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: trustAccount }));
    await root.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'p', PolicyDocument: doc(allow(['iam:ListUsers', 'kms:*'])) }));
    const creds = (await w.client(STSClient).send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'advisor' }))).Credentials!;
    await w.client(IAMClient, { credentials: { accessKeyId: creds.AccessKeyId!, secretAccessKey: creds.SecretAccessKey!, sessionToken: creds.SessionToken! } }).send(new ListUsersCommand({}));
    const role = await report(Role!.Arn!);
    const r = new Map(role.out.ServicesLastAccessed!.map((s) => [s.ServiceNamespace!, s]));
    assert.deepEqual([...r.keys()].sort(), ['iam', 'kms']);
    assert.equal(r.get('iam')!.LastAuthenticatedEntity, Role!.Arn);
    assert.ok(r.get('iam')!.LastAuthenticated instanceof Date);
    assert.equal(r.get('kms')!.LastAuthenticated, undefined);

    const groupName = unique('grp');
    const { Group } = await root.send(new CreateGroupCommand({ GroupName: groupName }));
    await root.send(new PutGroupPolicyCommand({ GroupName: groupName, PolicyName: 'p', PolicyDocument: doc(allow('*')) }));
    await root.send(new AddUserToGroupCommand({ GroupName: groupName, UserName: alice.userName }));
    const group = await report(Group!.Arn!);
    const g = new Map(group.out.ServicesLastAccessed!.map((s) => [s.ServiceNamespace!, s]));
    assert.deepEqual([...g.keys()].sort(), ['cloudtrail', 'iam', 'kms', 's3', 'secretsmanager', 'ssm', 'sts']);
    assert.equal(g.get('kms')!.LastAuthenticatedEntity, `arn:aws:iam::${ACCOUNT}:user/${alice.userName}`);
    assert.equal(g.get('kms')!.TotalAuthenticatedEntities, 1);
    assert.equal(g.get('s3')!.TotalAuthenticatedEntities, 0);

    const { Policy } = await root.send(new CreatePolicyCommand({ PolicyName: unique('pol'), PolicyDocument: doc(allow('sts:GetCallerIdentity')) }));
    await root.send(new AttachUserPolicyCommand({ UserName: alice.userName, PolicyArn: Policy!.Arn! }));
    const pol = await report(Policy!.Arn!);
    assert.deepEqual(pol.out.ServicesLastAccessed!.map((s) => [s.ServiceNamespace, s.LastAuthenticatedEntity]), [['sts', `arn:aws:iam::${ACCOUNT}:user/${alice.userName}`]]);
  });

  it('ACTION_LEVEL: tracked actions of IAM, none for services without action tracking; denied attempts count', async () => {
    const bob = await userWithKey(root, unique('bob'));
    await root.send(new PutUserPolicyCommand({ UserName: bob.userName, PolicyName: 'p', PolicyDocument: doc(allow(['iam:ListUsers', 'kms:CreateKey'])) }));
    await w.client(IAMClient, { credentials: bob.credentials }).send(new ListUsersCommand({}));
    // A denied attempt counts ("all attempts to access an AWS API, not just the successful ones").
    await rejects(w.client(KMSClient, { credentials: bob.credentials }).send(new ListKeysCommand({})), 'AccessDeniedException', 400);
    const { out } = await report(`arn:aws:iam::${ACCOUNT}:user/${bob.userName}`, 'ACTION_LEVEL');
    assert.equal(out.JobType, 'ACTION_LEVEL');
    const by = new Map(out.ServicesLastAccessed!.map((s) => [s.ServiceNamespace!, s]));
    const tracked = by.get('iam')!.TrackedActionsLastAccessed!;
    assert.deepEqual(tracked.map((t) => [t.ActionName, t.LastAccessedEntity, t.LastAccessedRegion]), [['ListUsers', `arn:aws:iam::${ACCOUNT}:user/${bob.userName}`, 'us-east-1']]);
    assert.ok(tracked[0]!.LastAccessedTime instanceof Date);
    assert.equal(by.get('kms')!.TrackedActionsLastAccessed, undefined);
    assert.ok(by.get('kms')!.LastAuthenticated instanceof Date);
  });

  it('errors: no such entity, an ARN that is no entity, an unknown JobId', async () => {
    await rejects(root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCOUNT}:user/nobody-here` })), 'NoSuchEntity', 404, 'The user with name nobody-here cannot be found.');
    await rejects(root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCOUNT}:policy/no-policy` })), 'NoSuchEntity', 404);
    await rejects(root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:s3:::bucket-of-${ACCOUNT}` })), 'InvalidInput', 400);
    await rejects(root.send(new GetServiceLastAccessedDetailsCommand({ JobId: '00000000-0000-0000-0000-000000000000' })), 'InvalidInput', 400);
    await rejects(root.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: '00000000-0000-0000-0000-000000000000', ServiceNamespace: 'kms' })), 'InvalidInput', 400);
  });

  it('needs the three permissions; each call is audited', async () => {
    const eve = await userWithKey(root, unique('eve'));
    const as = w.client(IAMClient, { credentials: eve.credentials });
    const arn = `arn:aws:iam::${ACCOUNT}:user/${alice.userName}`;
    await rejects(as.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn })), 'AccessDenied', 403, /iam:GenerateServiceLastAccessedDetails on resource: arn:aws:iam::\d+:user\//);
    const gen = await root.send(new GenerateServiceLastAccessedDetailsCommand({ Arn: arn }));
    await rejects(as.send(new GetServiceLastAccessedDetailsCommand({ JobId: gen.JobId })), 'AccessDenied', 403, /iam:GetServiceLastAccessedDetails/);
    await rejects(as.send(new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: gen.JobId, ServiceNamespace: 'kms' })), 'AccessDenied', 403, /iam:GetServiceLastAccessedDetailsWithEntities/);

    const ev = await eventOf(w, gen);
    assert.equal(ev['eventSource'], 'iam.amazonaws.com');
    assert.equal(ev['eventName'], 'GenerateServiceLastAccessedDetails');
    assert.equal(ev['requestParameters']['arn'], arn);
    assert.equal(ev['responseElements']['jobId'], gen.JobId);
    const get = await root.send(new GetServiceLastAccessedDetailsCommand({ JobId: gen.JobId }));
    const gev = await eventOf(w, get);
    assert.equal(gev['eventName'], 'GetServiceLastAccessedDetails');
    assert.equal(gev['readOnly'], true);
    assert.equal(gev['requestParameters']['jobId'], gen.JobId);
  });
});
