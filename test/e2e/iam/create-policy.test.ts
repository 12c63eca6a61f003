import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  PutUserPermissionsBoundaryCommand,
  DeleteUserPermissionsBoundaryCommand,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
} from '@aws-sdk/client-iam';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, allow, asUser, doc, eventOf, rejects, TRUST_EC2, userWithKey } from './helpers.js';

const RO = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

describe('iam managed policies: create, versions, attach, list, entities, delete', () => {
  let w: Running;
  let iam: IAMClient;
  let arn: string;
  before(async () => {
    w = await startTestWarden();
    iam = w.client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'mu' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'mg' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'mr', AssumeRolePolicyDocument: TRUST_EC2 }));
  });
  after(() => w.stop());

  it('CreatePolicy answers the policy (v1 default, ANPA id); GetPolicy adds Description and Tags', async () => {
    const out = await iam.send(new CreatePolicyCommand({ PolicyName: 'readers', Path: '/team/', Description: 'read things', PolicyDocument: doc(allow('s3:Get*')) }));
    const p = out.Policy!;
    arn = p.Arn!;
    assert.equal(arn, `arn:aws:iam::${ACCOUNT}:policy/team/readers`);
    assert.match(p.PolicyId!, /^ANPA[A-Z2-7]{17}$/);
    assert.equal(p.DefaultVersionId, 'v1');
    assert.equal(p.AttachmentCount, 0);
    assert.equal(p.PermissionsBoundaryUsageCount, 0);
    assert.equal(p.IsAttachable, true);
    assert.equal(p.Description, undefined);
    assert.equal(p.Tags, undefined);
    const got = (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!;
    assert.equal(got.Description, 'read things');
    assert.deepEqual(got.Tags, []);
    const ev = await eventOf(w, out);
    assert.equal(ev['responseElements'].policy.arn, arn);
    await rejects(iam.send(new CreatePolicyCommand({ PolicyName: 'readers', PolicyDocument: doc(allow('s3:*')) })), 'EntityAlreadyExists', 409, 'A policy called readers already exists. Duplicate names are not allowed.');
  });

  it('refuses bad documents with AWS texts and stores nothing', async () => {
    const create = (PolicyDocument: string) => iam.send(new CreatePolicyCommand({ PolicyName: 'broken', PolicyDocument }));
    await rejects(create('This is not a json document'), 'MalformedPolicyDocument', 400, 'Syntax errors in policy.');
    await rejects(create(JSON.stringify({ Statement: [allow('s3:ListBucket')] })), 'MalformedPolicyDocument', 400, 'Policy document must be version 2012-10-17 or greater.');
    await rejects(create(JSON.stringify({ Version: '2008-10-17', Statement: [allow('s3:ListBucket')] })), 'MalformedPolicyDocument', 400, 'Policy document must be version 2012-10-17 or greater.');
    await rejects(create(doc({ Effect: 'Allow', Action: 'a a:ListBucket', Resource: '*' })), 'MalformedPolicyDocument', 400, 'Vendor a a is not valid');
    await rejects(create(doc({ Sid: 'x'.repeat(6200), Effect: 'Allow', Action: 's3:*', Resource: '*' })), 'LimitExceeded', 409, 'Cannot exceed quota for PolicySize: 6144');
    await rejects(iam.send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/broken` })), 'NoSuchEntity', 404, `Policy arn:aws:iam::${ACCOUNT}:policy/broken was not found.`);
  });

  it('versions: create (max 5), get URL-encoded, list newest first, set default, delete', async () => {
    const v2 = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(allow('s3:ListBucket')), SetAsDefault: true }));
    assert.equal(v2.PolicyVersion!.VersionId, 'v2');
    assert.equal(v2.PolicyVersion!.IsDefaultVersion, true);
    assert.equal(v2.PolicyVersion!.Document, undefined);
    for (let i = 0; i < 3; i++) await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(allow(`s3:Get${i}`)) }));
    await rejects(iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(allow('s3:*')) })), 'LimitExceeded', 409, 'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.');
    const list = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    assert.deepEqual(list.Versions!.map((v) => [v.VersionId, v.IsDefaultVersion]), [['v5', false], ['v4', false], ['v3', false], ['v2', true], ['v1', false]]);
    const got = await iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
    assert.equal(decodeURIComponent(got.PolicyVersion!.Document!), doc(allow('s3:ListBucket')));
    await rejects(iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' })), 'DeleteConflict', 409, 'Cannot delete the default version of a policy.');
    await iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
    await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
    const v6 = await iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(allow('s3:*')) }));
    assert.equal(v6.PolicyVersion!.VersionId, 'v6'); // numbers are never reused
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.DefaultVersionId, 'v1');
    await rejects(iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })), 'NoSuchEntity', 404, `Policy ${arn} version v9 does not exist or is not attachable.`);
    await rejects(iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })), 'NoSuchEntity', 404, `Policy ${arn} version v9 does not exist or is not attachable.`);
    const missing = `arn:aws:iam::${ACCOUNT}:policy/TestNonExistingPolicy`;
    await rejects(iam.send(new GetPolicyVersionCommand({ PolicyArn: missing, VersionId: 'v1' })), 'NoSuchEntity', 404, `Policy ${missing} version v1 does not exist or is not attachable.`);
    await rejects(iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'x1' })), 'ValidationError', 400, /versionId/);
  });

  it('Attach/Detach/ListAttached for users, groups and roles; counts and entities follow', async () => {
    await iam.send(new AttachUserPolicyCommand({ UserName: 'mu', PolicyArn: arn }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'mu', PolicyArn: arn })); // no-op
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'mg', PolicyArn: arn }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'mr', PolicyArn: arn }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'mr', PolicyArn: RO }));
    assert.deepEqual((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'mu' }))).AttachedPolicies, [{ PolicyName: 'readers', PolicyArn: arn }]);
    assert.deepEqual((await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: 'mg' }))).AttachedPolicies, [{ PolicyName: 'readers', PolicyArn: arn }]);
    const roleAttached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'mr' }));
    assert.deepEqual(roleAttached.AttachedPolicies!.map((a) => a.PolicyName).sort(), ['ReadOnlyAccess', 'readers']);
    assert.deepEqual((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: 'mr', PathPrefix: '/team/' }))).AttachedPolicies, [{ PolicyName: 'readers', PolicyArn: arn }]);
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.AttachmentCount, 3);
    assert.equal((await iam.send(new GetPolicyCommand({ PolicyArn: RO }))).Policy!.AttachmentCount, 1);
    const entities = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    assert.deepEqual(entities.PolicyUsers!.map((u) => u.UserName), ['mu']);
    assert.deepEqual(entities.PolicyGroups!.map((g) => g.GroupName), ['mg']);
    assert.deepEqual(entities.PolicyRoles!.map((r) => r.RoleName), ['mr']);
    assert.match(entities.PolicyUsers![0]!.UserId!, /^AIDA/);
    const onlyRoles = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: 'Role' }));
    assert.deepEqual([onlyRoles.PolicyUsers, onlyRoles.PolicyGroups, onlyRoles.PolicyRoles!.length], [[], [], 1]);
  });

  it('attach errors: invalid ARN, missing policy, detach of an unattached policy, 10 per entity', async () => {
    await rejects(iam.send(new AttachRolePolicyCommand({ RoleName: 'mr', PolicyArn: 'longpolicynamebutnoarn' })), 'ValidationError', 400, 'ARN longpolicynamebutnoarn is not valid.');
    const missing = `arn:aws:iam::${ACCOUNT}:policy/nonexistent`;
    await rejects(iam.send(new AttachUserPolicyCommand({ UserName: 'mu', PolicyArn: missing })), 'NoSuchEntity', 404, `Policy ${missing} does not exist or is not attachable.`);
    await rejects(iam.send(new DetachGroupPolicyCommand({ GroupName: 'mg', PolicyArn: RO })), 'NoSuchEntity', 404, `Policy ${RO} was not found.`);
    await rejects(iam.send(new AttachUserPolicyCommand({ UserName: 'nobody', PolicyArn: arn })), 'NoSuchEntity', 404, 'The user with name nobody cannot be found.');
    await iam.send(new CreateUserCommand({ UserName: 'many' }));
    for (let i = 0; i < 10; i++) {
      const p = await iam.send(new CreatePolicyCommand({ PolicyName: `many-${i}`, PolicyDocument: doc(allow('s3:GetObject')) }));
      await iam.send(new AttachUserPolicyCommand({ UserName: 'many', PolicyArn: p.Policy!.Arn! }));
    }
    await rejects(iam.send(new AttachUserPolicyCommand({ UserName: 'many', PolicyArn: arn })), 'LimitExceeded', 409, 'Cannot exceed quota for PoliciesPerUser: 10');
  });

  it('ListPolicies: Scope, OnlyAttached, PathPrefix, PolicyUsageFilter, pages', async () => {
    const aws = await iam.send(new ListPoliciesCommand({ Scope: 'AWS' }));
    assert.ok(aws.Policies!.some((p) => p.Arn === ADMIN));
    assert.ok(aws.Policies!.every((p) => p.Arn!.startsWith('arn:aws:iam::aws:policy/')));
    assert.equal(aws.Policies![0]!.Description, undefined);
    const local = await iam.send(new ListPoliciesCommand({ Scope: 'Local', PathPrefix: '/team/' }));
    assert.deepEqual(local.Policies!.map((p) => p.PolicyName), ['readers']);
    const attached = await iam.send(new ListPoliciesCommand({ OnlyAttached: true, MaxItems: 1 }));
    assert.equal(attached.Policies![0]!.PolicyName, 'ReadOnlyAccess'); // AWS managed first
    assert.equal(attached.IsTruncated, true);
    const next = await iam.send(new ListPoliciesCommand({ OnlyAttached: true, Marker: attached.Marker, MaxItems: 1 }));
    assert.equal(next.Policies![0]!.PolicyName, 'many-0');
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'mu', PermissionsBoundary: arn }));
    const boundaries = await iam.send(new ListPoliciesCommand({ PolicyUsageFilter: 'PermissionsBoundary' }));
    assert.deepEqual(boundaries.Policies!.map((p) => [p.PolicyName, p.PermissionsBoundaryUsageCount]), [['readers', 1]]);
    const asBoundary = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, PolicyUsageFilter: 'PermissionsBoundary' }));
    assert.deepEqual(asBoundary.PolicyUsers!.map((u) => u.UserName), ['mu']);
  });

  it('AWS managed policies: GetPolicy, GetPolicyVersion of the shipped document; they cannot be changed', async () => {
    const p = (await iam.send(new GetPolicyCommand({ PolicyArn: ADMIN }))).Policy!;
    assert.equal(p.PolicyName, 'AdministratorAccess');
    assert.equal(p.DefaultVersionId, 'v1');
    assert.match(p.PolicyId!, /^ANPA/);
    const v = await iam.send(new GetPolicyVersionCommand({ PolicyArn: ADMIN, VersionId: 'v1' }));
    assert.deepEqual(JSON.parse(decodeURIComponent(v.PolicyVersion!.Document!)), { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    const ro = (await iam.send(new GetPolicyCommand({ PolicyArn: RO }))).Policy!;
    const roDoc = JSON.parse(decodeURIComponent((await iam.send(new GetPolicyVersionCommand({ PolicyArn: RO, VersionId: ro.DefaultVersionId! }))).PolicyVersion!.Document!));
    assert.ok(roDoc.Statement.some((s: { Action: string[] }) => s.Action.includes('iam:Get*')));
    await rejects(iam.send(new DeletePolicyCommand({ PolicyArn: ADMIN })), 'AccessDenied', 403, `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: iam:DeletePolicy on resource: policy ${ADMIN}`);
    await rejects(iam.send(new CreatePolicyVersionCommand({ PolicyArn: ADMIN, PolicyDocument: doc(allow('s3:*')) })), 'AccessDenied', 403);
  });

  it('TagPolicy, UntagPolicy, ListPolicyTags (case-sensitive keys)', async () => {
    await iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: [{ Key: 'a', Value: 'lower' }, { Key: 'A', Value: 'upper' }] }));
    assert.deepEqual((await iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags, [{ Key: 'A', Value: 'upper' }, { Key: 'a', Value: 'lower' }]);
    await iam.send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: ['a'] }));
    assert.deepEqual((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.Tags, [{ Key: 'A', Value: 'upper' }]);
    await rejects(iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: [{ Key: 'x', Value: '1' }, { Key: 'x', Value: '2' }] })), 'InvalidInput', 400, 'Duplicate tag keys found.');
    const nope = `arn:aws:iam::${ACCOUNT}:policy/NotAPolicy`;
    await rejects(iam.send(new TagPolicyCommand({ PolicyArn: nope, Tags: [{ Key: 'x', Value: '1' }] })), 'NoSuchEntity', 404, `Policy ${nope} was not found.`);
  });

  it('DeletePolicy refuses while attached or with more versions (DeleteConflict 409), then deletes', async () => {
    await rejects(iam.send(new DeletePolicyCommand({ PolicyArn: arn })), 'DeleteConflict', 409, 'Cannot delete a policy attached to entities.');
    await iam.send(new DetachUserPolicyCommand({ UserName: 'mu', PolicyArn: arn }));
    await iam.send(new DetachGroupPolicyCommand({ GroupName: 'mg', PolicyArn: arn }));
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'mr', PolicyArn: arn }));
    await iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'mu' }));
    await rejects(iam.send(new DeletePolicyCommand({ PolicyArn: arn })), 'DeleteConflict', 409, "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.");
    for (const v of ['v2', 'v3', 'v4', 'v6']) await iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: v }));
    await iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    await rejects(iam.send(new GetPolicyCommand({ PolicyArn: arn })), 'NoSuchEntity', 404, `Policy ${arn} was not found.`);
    const ev = await w.lastEvent('DeletePolicy');
    assert.equal(ev['requestParameters'].policyArn, arn);
  });

  it('denies a user without permission', async () => {
    const pia = await userWithKey(iam, 'pia');
    const p = asUser(w, pia);
    await rejects(p.send(new ListPoliciesCommand({})), 'AccessDenied', 403, 'User: arn:aws:iam::000000000000:user/pia is not authorized to perform: iam:ListPolicies on resource: policy path / because no identity-based policy allows the iam:ListPolicies action');
    await rejects(p.send(new CreatePolicyCommand({ PolicyName: 'pia-p', PolicyDocument: doc(allow('*')) })), 'AccessDenied', 403, /iam:CreatePolicy on resource: arn:aws:iam::000000000000:policy\/pia-p because/);
    await rejects(p.send(new AttachUserPolicyCommand({ UserName: 'pia', PolicyArn: ADMIN })), 'AccessDenied', 403, /iam:AttachUserPolicy on resource: arn:aws:iam::000000000000:user\/pia because/);
    await rejects(p.send(new GetPolicyCommand({ PolicyArn: ADMIN })), 'AccessDenied', 403, /iam:GetPolicy on resource: arn:aws:iam::aws:policy\/AdministratorAccess because/);
    assert.deepEqual((await iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'pia' }))).AttachedPolicies, []);
  });
});
