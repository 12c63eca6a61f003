import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  IAMClient,
  ListRolesCommand,
  ListRoleTagsCommand,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, allow, asUser, doc, eventOf, rejects, TRUST_EC2, userWithKey } from './helpers.js';

describe('iam roles: CreateRole, GetRole, ListRoles, UpdateRole, trust policies, boundaries, tags, DeleteRole', () => {
  let w: Running;
  let iam: IAMClient;
  let boundaryArn: string;
  before(async () => {
    w = await startTestWarden();
    iam = w.client(IAMClient);
    boundaryArn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'boundary', PolicyDocument: doc(allow('s3:*')) }))).Policy!.Arn!;
  });
  after(() => w.stop());

  it('CreateRole answers the role without Description or MaxSessionDuration; GetRole adds them', async () => {
    const out = await iam.send(new CreateRoleCommand({ RoleName: 'app', Path: '/svc/', AssumeRolePolicyDocument: TRUST_EC2, Description: 'the app', Tags: [{ Key: 'env', Value: 'dev' }], PermissionsBoundary: boundaryArn }));
    const r = out.Role!;
    assert.equal(r.Arn, `arn:aws:iam::${ACCOUNT}:role/svc/app`);
    assert.match(r.RoleId!, /^AROA[A-Z2-7]{17}$/);
    assert.equal(decodeURIComponent(r.AssumeRolePolicyDocument!), TRUST_EC2); // URL-encoded as IAM sends it
    assert.equal(r.Description, undefined);
    assert.equal(r.MaxSessionDuration, undefined);
    assert.deepEqual(r.PermissionsBoundary, { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundaryArn });
    assert.deepEqual(r.Tags, [{ Key: 'env', Value: 'dev' }]);
    const got = (await iam.send(new GetRoleCommand({ RoleName: 'APP' }))).Role!;
    assert.equal(got.Description, 'the app');
    assert.equal(got.MaxSessionDuration, 3600);
    assert.deepEqual(got.RoleLastUsed, {});
    const ev = await eventOf(w, out);
    assert.equal(ev['eventName'], 'CreateRole');
    assert.equal(ev['requestParameters'].assumeRolePolicyDocument, TRUST_EC2);
    await rejects(iam.send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: TRUST_EC2 })), 'EntityAlreadyExists', 409, 'Role with name app already exists.');
  });

  it('validates the trust policy with AWS texts and stores nothing on failure', async () => {
    const create = (d: string, RoleName = 'bad') => iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: d }));
    await rejects(create('{not json'), 'MalformedPolicyDocument', 400, 'This policy contains invalid Json');
    await rejects(create(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 's3:GetObject' }] })), 'MalformedPolicyDocument', 400, 'AssumeRole policy may only specify STS AssumeRole actions.');
    await rejects(create(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }] })), 'MalformedPolicyDocument', 400, 'Has prohibited field Resource');
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'x'.repeat(2100), Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    await rejects(create(big), 'LimitExceeded', 409, 'Cannot exceed quota for ACLSizePerRole: 2048');
    await rejects(iam.send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: TRUST_EC2, MaxSessionDuration: 60 })), 'ValidationError', 400, /maxSessionDuration/);
    await rejects(iam.send(new GetRoleCommand({ RoleName: 'bad' })), 'NoSuchEntity', 404, 'The role with name bad cannot be found.');
  });

  it('UpdateRole, UpdateRoleDescription, UpdateAssumeRolePolicy', async () => {
    await iam.send(new UpdateRoleCommand({ RoleName: 'app', MaxSessionDuration: 7200 }));
    let got = (await iam.send(new GetRoleCommand({ RoleName: 'app' }))).Role!;
    assert.equal(got.MaxSessionDuration, 7200);
    assert.equal(got.Description, 'the app');
    const d = await iam.send(new UpdateRoleDescriptionCommand({ RoleName: 'app', Description: 'new text' }));
    assert.equal(d.Role!.Description, 'new text');
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }] });
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'app', PolicyDocument: trust }));
    got = (await iam.send(new GetRoleCommand({ RoleName: 'app' }))).Role!;
    assert.equal(decodeURIComponent(got.AssumeRolePolicyDocument!), trust);
    await rejects(iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'app', PolicyDocument: '[' })), 'MalformedPolicyDocument', 400, 'This policy contains invalid Json');
    await rejects(iam.send(new UpdateRoleCommand({ RoleName: 'test-nonexistent-role' })), 'NoSuchEntity', 404, 'The role with name test-nonexistent-role cannot be found.');
  });

  it('ListRoles: PathPrefix, pages, no tags or boundary', async () => {
    for (const n of ['r1', 'r2', 'r3']) await iam.send(new CreateRoleCommand({ RoleName: n, Path: '/many/', AssumeRolePolicyDocument: TRUST_EC2 }));
    const p1 = await iam.send(new ListRolesCommand({ PathPrefix: '/many/', MaxItems: 2 }));
    assert.deepEqual(p1.Roles!.map((r) => r.RoleName), ['r1', 'r2']);
    assert.equal(p1.IsTruncated, true);
    const p2 = await iam.send(new ListRolesCommand({ PathPrefix: '/many/', Marker: p1.Marker }));
    assert.deepEqual(p2.Roles!.map((r) => r.RoleName), ['r3']);
    const svc = await iam.send(new ListRolesCommand({ PathPrefix: '/svc/' }));
    assert.equal(svc.Roles![0]!.MaxSessionDuration, 7200);
    assert.equal(svc.Roles![0]!.PermissionsBoundary, undefined);
    assert.equal(svc.Roles![0]!.Tags, undefined);
  });

  it('permissions boundaries: Put/DeleteRolePermissionsBoundary with AWS errors', async () => {
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'r1' }));
    await iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'r1', PermissionsBoundary: boundaryArn }));
    assert.equal((await iam.send(new GetRoleCommand({ RoleName: 'r1' }))).Role!.PermissionsBoundary!.PermissionsBoundaryArn, boundaryArn);
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'r1' }));
    assert.equal((await iam.send(new GetRoleCommand({ RoleName: 'r1' }))).Role!.PermissionsBoundary, undefined);
    const bad = `arn:aws:iam::${ACCOUNT}:not_a_policy/invalid`;
    await rejects(iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'r1', PermissionsBoundary: bad })), 'InvalidInput', 400, `ARN ${bad} is not valid.`);
    const missing = `arn:aws:iam::${ACCOUNT}:policy/nonexistent-policy`;
    await rejects(iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'r1', PermissionsBoundary: missing })), 'NoSuchEntity', 404, `Scope ARN: ${missing} does not exist or is not attachable.`);
    await rejects(iam.send(new CreateRoleCommand({ RoleName: 'rb', AssumeRolePolicyDocument: TRUST_EC2, PermissionsBoundary: missing })), 'NoSuchEntity', 404, `Scope ARN: ${missing} does not exist or is not attachable.`);
    await rejects(iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'nonexistent-role', PermissionsBoundary: boundaryArn })), 'NoSuchEntity', 404, 'The role with name nonexistent-role cannot be found.');
  });

  it('TagRole, UntagRole, ListRoleTags', async () => {
    await iam.send(new TagRoleCommand({ RoleName: 'r2', Tags: [{ Key: 'somekey', Value: 'v1' }, { Key: 'other', Value: 'v2' }] }));
    await iam.send(new TagRoleCommand({ RoleName: 'r2', Tags: [{ Key: 'SOMEKEY', Value: 'v3' }] }));
    assert.deepEqual((await iam.send(new ListRoleTagsCommand({ RoleName: 'r2' }))).Tags, [{ Key: 'SOMEKEY', Value: 'v3' }, { Key: 'other', Value: 'v2' }]);
    await iam.send(new UntagRoleCommand({ RoleName: 'r2', TagKeys: ['somekey'] }));
    assert.deepEqual((await iam.send(new ListRoleTagsCommand({ RoleName: 'r2' }))).Tags, [{ Key: 'other', Value: 'v2' }]);
    await rejects(iam.send(new TagRoleCommand({ RoleName: 'r2', Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] })), 'InvalidInput', 400, 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    await rejects(iam.send(new ListRoleTagsCommand({ RoleName: 'test-nonexistent-role' })), 'NoSuchEntity', 404, 'The role with name test-nonexistent-role cannot be found.');
  });

  it('DeleteRole refuses while policies remain (DeleteConflict 409)', async () => {
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'r3', PolicyArn: boundaryArn }));
    await rejects(iam.send(new DeleteRoleCommand({ RoleName: 'r3' })), 'DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.');
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'r3', PolicyArn: boundaryArn }));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'r3', PolicyName: 'inline', PolicyDocument: doc(allow('s3:*')) }));
    await rejects(iam.send(new DeleteRoleCommand({ RoleName: 'r3' })), 'DeleteConflict', 409, 'Cannot delete entity, must delete policies first.');
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'r3', PolicyName: 'inline' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'r3' }));
    await rejects(iam.send(new GetRoleCommand({ RoleName: 'r3' })), 'NoSuchEntity', 404, 'The role with name r3 cannot be found.');
    await rejects(iam.send(new DeleteRoleCommand({ RoleName: 'r3' })), 'NoSuchEntity', 404, 'The role with name r3 cannot be found.');
  });

  it('denies a user without permission on the role ARN', async () => {
    const ray = await userWithKey(iam, 'ray');
    const r = asUser(w, ray);
    await rejects(r.send(new GetRoleCommand({ RoleName: 'app' })), 'AccessDenied', 403, `User: arn:aws:iam::${ACCOUNT}:user/ray is not authorized to perform: iam:GetRole on resource: arn:aws:iam::${ACCOUNT}:role/svc/app because no identity-based policy allows the iam:GetRole action`);
    await rejects(r.send(new CreateRoleCommand({ RoleName: 'mine', AssumeRolePolicyDocument: TRUST_EC2 })), 'AccessDenied', 403, /iam:CreateRole on resource: arn:aws:iam::000000000000:role\/mine/);
    await rejects(r.send(new ListRolesCommand({})), 'AccessDenied', 403, /iam:ListRoles on resource: arn:aws:iam::000000000000:role\/ because/);
    await rejects(r.send(new DeleteRoleCommand({ RoleName: 'app' })), 'AccessDenied', 403, /iam:DeleteRole/);
    assert.ok((await iam.send(new GetRoleCommand({ RoleName: 'app' }))).Role);
  });
});
