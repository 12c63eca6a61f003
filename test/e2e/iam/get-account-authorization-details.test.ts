import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  GetAccountAuthorizationDetailsCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  type GetAccountAuthorizationDetailsCommandOutput,
} from '@aws-sdk/client-iam';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, allow, asUser, doc, rejects, TRUST_EC2, userWithKey } from './helpers.js';

/** RFC 3986 percent-encoding, as AWS writes IAM policy documents (`*` → %2A, unlike encodeURIComponent). */
const rfc3986 = (t: string) => encodeURIComponent(t).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

describe('iam GetAccountAuthorizationDetails', () => {
  let w: Running;
  let iam: IAMClient;
  const userDoc = doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/*'));
  const managedDoc = doc(allow('sqs:SendMessage'));
  let policyArn: string;

  before(async () => {
    w = await startTestWarden();
    iam = w.client(IAMClient);
    await iam.send(new CreateGroupCommand({ GroupName: 'readers' }));
    await iam.send(new CreateUserCommand({ UserName: 'ann', Tags: [{ Key: 'team', Value: 'a' }] }));
    await iam.send(new CreateUserCommand({ UserName: 'ben' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: 'ann' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'ann', PolicyName: 'objects', PolicyDocument: userDoc }));
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'readers', PolicyName: 'g', PolicyDocument: doc(allow('iam:Get*')) }));
    policyArn = (await iam.send(new CreatePolicyCommand({ PolicyName: 'send', PolicyDocument: managedDoc, Description: 'queue' }))).Policy!.Arn!;
    await iam.send(new AttachUserPolicyCommand({ UserName: 'ben', PolicyArn: policyArn }));
    await iam.send(new CreateRoleCommand({ RoleName: 'web', AssumeRolePolicyDocument: TRUST_EC2 }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'web', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web-profile' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-profile', RoleName: 'web' }));
  });
  after(() => w.stop());

  it('returns users, groups, roles and the policies in use, with URL-encoded documents the SDK leaves as AWS sent them', async () => {
    const out = await iam.send(new GetAccountAuthorizationDetailsCommand({}));
    assert.equal(out.IsTruncated, false);
    assert.deepEqual(out.UserDetailList!.map((u) => u.UserName), ['ann', 'ben']);
    const ann = out.UserDetailList![0]!;
    assert.equal(ann.Arn, `arn:aws:iam::${ACCOUNT}:user/ann`);
    assert.deepEqual(ann.GroupList, ['readers']);
    assert.deepEqual(ann.UserPolicyList, [{ PolicyName: 'objects', PolicyDocument: rfc3986(userDoc) }]);
    assert.deepEqual(ann.Tags, [{ Key: 'team', Value: 'a' }]);
    assert.deepEqual(out.UserDetailList![1]!.AttachedManagedPolicies, [{ PolicyName: 'send', PolicyArn: policyArn }]);
    assert.equal(out.GroupDetailList![0]!.GroupName, 'readers');
    assert.equal(decodeURIComponent(out.GroupDetailList![0]!.GroupPolicyList![0]!.PolicyDocument!), doc(allow('iam:Get*')));
    const web = out.RoleDetailList![0]!;
    assert.equal(decodeURIComponent(web.AssumeRolePolicyDocument!), TRUST_EC2);
    assert.deepEqual(web.InstanceProfileList!.map((p) => p.InstanceProfileName), ['web-profile']);
    assert.deepEqual(web.AttachedManagedPolicies, [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]);
    const arns = out.Policies!.map((p) => p.Arn);
    assert.ok(arns.includes(policyArn) && arns.includes('arn:aws:iam::aws:policy/ReadOnlyAccess'));
    assert.ok(!arns.includes('arn:aws:iam::aws:policy/AdministratorAccess')); // not in use
    const send = out.Policies!.find((p) => p.Arn === policyArn)!;
    assert.equal(send.AttachmentCount, 1);
    assert.equal(send.Description, 'queue');
    assert.deepEqual(send.PolicyVersionList!.map((v) => [v.VersionId, v.IsDefaultVersion, decodeURIComponent(v.Document!)]), [['v1', true, managedDoc]]);
  });

  it('filters by entity type and pages with one MaxItems across the lists', async () => {
    const roles = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role', 'LocalManagedPolicy'] }));
    assert.deepEqual([roles.UserDetailList, roles.GroupDetailList], [[], []]);
    assert.deepEqual(roles.RoleDetailList!.map((r) => r.RoleName), ['web']);
    assert.deepEqual(roles.Policies!.map((p) => p.Arn), [policyArn]);
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const page: GetAccountAuthorizationDetailsCommandOutput = await iam.send(new GetAccountAuthorizationDetailsCommand({ MaxItems: 2, ...(marker !== undefined ? { Marker: marker } : {}) }));
      const n = page.UserDetailList!.length + page.GroupDetailList!.length + page.RoleDetailList!.length + page.Policies!.length;
      assert.ok(n <= 2);
      seen.push(...page.UserDetailList!.map((u) => u.UserName!), ...page.GroupDetailList!.map((g) => g.GroupName!), ...page.RoleDetailList!.map((r) => r.RoleName!), ...page.Policies!.map((p) => p.PolicyName!));
      marker = page.IsTruncated ? page.Marker : undefined;
      pages++;
    } while (marker !== undefined);
    assert.equal(pages, 3);
    assert.deepEqual(seen, ['ann', 'ben', 'readers', 'web', 'send', 'ReadOnlyAccess']);
  });

  it('needs iam:GetAccountAuthorizationDetails', async () => {
    const u = await userWithKey(iam, 'auditor');
    await rejects(asUser(w, u).send(new GetAccountAuthorizationDetailsCommand({})), 'AccessDenied', 403, /iam:GetAccountAuthorizationDetails on resource: \*/);
    await rejects(iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Nope' as never] })), 'ValidationError', 400);
  });
});
