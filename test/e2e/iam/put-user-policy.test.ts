import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateGroupCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteGroupPolicyCommand,
  DeleteRolePolicyCommand,
  DeleteUserPolicyCommand,
  GetGroupPolicyCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListGroupPoliciesCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { startTestWarden, type Running } from '../../harness.js';
import { allow, asUser, doc, eventOf, rejects, TRUST_EC2, userWithKey } from './helpers.js';

describe('iam inline policies: Put/Get/List/Delete for users, groups and roles', () => {
  let w: Running;
  let iam: IAMClient;
  before(async () => {
    w = await startTestWarden();
    iam = w.client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'pat' }));
    await iam.send(new CreateGroupCommand({ GroupName: 'crew' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'job', AssumeRolePolicyDocument: TRUST_EC2 }));
  });
  after(() => w.stop());

  it('PutUserPolicy stores the document as given; GetUserPolicy returns it URL-encoded; the event carries it', async () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [{"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]\n}';
    const put = await iam.send(new PutUserPolicyCommand({ UserName: 'pat', PolicyName: 'read', PolicyDocument: text }));
    const ev = await eventOf(w, put);
    assert.deepEqual(ev['requestParameters'], { userName: 'pat', policyName: 'read', policyDocument: text });
    const got = await iam.send(new GetUserPolicyCommand({ UserName: 'pat', PolicyName: 'read' }));
    assert.equal(got.UserName, 'pat');
    assert.equal(got.PolicyName, 'read');
    assert.equal(got.PolicyDocument, '%7B%0A%20%20%22Version%22%3A%20%222012-10-17%22%2C%0A%20%20%22Statement%22%3A%20%5B%7B%22Effect%22%3A%20%22Allow%22%2C%20%22Action%22%3A%20%22s3%3AGet%2A%22%2C%20%22Resource%22%3A%20%22%2A%22%7D%5D%0A%7D');
    assert.equal(decodeURIComponent(got.PolicyDocument!), text);
  });

  it('PutUserPolicy replaces a policy of the same name; ListUserPolicies pages names in order', async () => {
    await iam.send(new PutUserPolicyCommand({ UserName: 'pat', PolicyName: 'b', PolicyDocument: doc(allow('s3:List*')) }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'pat', PolicyName: 'a', PolicyDocument: doc(allow('s3:List*')) }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'pat', PolicyName: 'a', PolicyDocument: doc(allow('sqs:*')) }));
    assert.deepEqual((await iam.send(new ListUserPoliciesCommand({ UserName: 'pat' }))).PolicyNames, ['a', 'b', 'read']);
    const p1 = await iam.send(new ListUserPoliciesCommand({ UserName: 'pat', MaxItems: 2 }));
    assert.deepEqual(p1.PolicyNames, ['a', 'b']);
    assert.equal(p1.IsTruncated, true);
    assert.deepEqual((await iam.send(new ListUserPoliciesCommand({ UserName: 'pat', Marker: p1.Marker }))).PolicyNames, ['read']);
    assert.match(decodeURIComponent((await iam.send(new GetUserPolicyCommand({ UserName: 'pat', PolicyName: 'a' }))).PolicyDocument!), /sqs:\*/);
  });

  it('refuses malformed documents with AWS texts and keeps the old ones', async () => {
    const put = (PolicyDocument: string) => iam.send(new PutUserPolicyCommand({ UserName: 'pat', PolicyName: 'a', PolicyDocument }));
    await rejects(put('This is not a json document'), 'MalformedPolicyDocument', 400, 'Syntax errors in policy.');
    await rejects(put(doc({ Effect: 'Allow', Action: 'invalid', Resource: '*' })), 'MalformedPolicyDocument', 400, 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
    await rejects(put(doc({ Effect: 'Allow', Action: 's3:ListBucket' })), 'MalformedPolicyDocument', 400, 'Policy statement must contain resources.');
    await rejects(put(doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'invalid resource' })), 'MalformedPolicyDocument', 400, 'Resource invalid resource must be in ARN format or "*".');
    await rejects(put(doc({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' })), 'MalformedPolicyDocument', 400, 'Policy document should not specify a principal.');
    assert.match(decodeURIComponent((await iam.send(new GetUserPolicyCommand({ UserName: 'pat', PolicyName: 'a' }))).PolicyDocument!), /sqs:\*/);
  });

  it('enforces the aggregate inline size per user (2,048), group (5,120) and role (10,240) with LimitExceeded', async () => {
    const sized = (n: number) => doc({ Sid: 'S'.repeat(n), Effect: 'Allow', Action: 's3:GetObject', Resource: '*' });
    await iam.send(new CreateUserCommand({ UserName: 'big' }));
    await iam.send(new PutUserPolicyCommand({ UserName: 'big', PolicyName: 'one', PolicyDocument: sized(1000) }));
    await rejects(iam.send(new PutUserPolicyCommand({ UserName: 'big', PolicyName: 'two', PolicyDocument: sized(1000) })), 'LimitExceeded', 409, 'Maximum policy size of 2048 bytes exceeded for user big');
    await iam.send(new PutUserPolicyCommand({ UserName: 'big', PolicyName: 'one', PolicyDocument: sized(1500) })); // replacing does not add up
    await rejects(iam.send(new PutUserPolicyCommand({ UserName: 'big', PolicyName: 'one', PolicyDocument: sized(2100) })), 'LimitExceeded', 409, 'Maximum policy size of 2048 bytes exceeded for user big');
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'crew', PolicyName: 'g1', PolicyDocument: sized(4000) }));
    await rejects(iam.send(new PutGroupPolicyCommand({ GroupName: 'crew', PolicyName: 'g2', PolicyDocument: sized(1500) })), 'LimitExceeded', 409, 'Maximum policy size of 5120 bytes exceeded for group crew');
    await iam.send(new PutRolePolicyCommand({ RoleName: 'job', PolicyName: 'r1', PolicyDocument: sized(9000) }));
    await rejects(iam.send(new PutRolePolicyCommand({ RoleName: 'job', PolicyName: 'r2', PolicyDocument: sized(1500) })), 'LimitExceeded', 409, 'Maximum policy size of 10240 bytes exceeded for role job');
    assert.deepEqual((await iam.send(new ListGroupPoliciesCommand({ GroupName: 'crew' }))).PolicyNames, ['g1']);
    await iam.send(new DeleteGroupPolicyCommand({ GroupName: 'crew', PolicyName: 'g1' }));
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'job', PolicyName: 'r1' }));
  });

  it('group and role policies: Put, Get, List, Delete', async () => {
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'crew', PolicyName: 'gp', PolicyDocument: doc(allow('s3:ListBucket')) }));
    const g = await iam.send(new GetGroupPolicyCommand({ GroupName: 'crew', PolicyName: 'gp' }));
    assert.equal(g.GroupName, 'crew');
    assert.equal(decodeURIComponent(g.PolicyDocument!), doc(allow('s3:ListBucket')));
    await iam.send(new PutRolePolicyCommand({ RoleName: 'job', PolicyName: 'rp', PolicyDocument: doc(allow('s3:ListBucket')) }));
    const r = await iam.send(new GetRolePolicyCommand({ RoleName: 'job', PolicyName: 'rp' }));
    assert.equal(r.RoleName, 'job');
    assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: 'job' }))).PolicyNames, ['rp']);
    await iam.send(new DeleteRolePolicyCommand({ RoleName: 'job', PolicyName: 'rp' }));
    assert.deepEqual((await iam.send(new ListRolePoliciesCommand({ RoleName: 'job' }))).PolicyNames, []);
    await iam.send(new DeleteGroupPolicyCommand({ GroupName: 'crew', PolicyName: 'gp' }));
    await iam.send(new DeleteUserPolicyCommand({ UserName: 'pat', PolicyName: 'b' }));
  });

  it('NoSuchEntity for a missing policy or entity, with AWS texts', async () => {
    await rejects(iam.send(new GetUserPolicyCommand({ UserName: 'pat', PolicyName: 'nope' })), 'NoSuchEntity', 404, 'The user policy with name nope cannot be found.');
    await rejects(iam.send(new DeleteUserPolicyCommand({ UserName: 'pat', PolicyName: 'nope' })), 'NoSuchEntity', 404, 'The user policy with name nope cannot be found.');
    await rejects(iam.send(new GetGroupPolicyCommand({ GroupName: 'crew', PolicyName: 'nope' })), 'NoSuchEntity', 404, 'The group policy with name nope cannot be found.');
    await rejects(iam.send(new GetRolePolicyCommand({ RoleName: 'job', PolicyName: 'non-existent-policy' })), 'NoSuchEntity', 404, 'The role policy with name non-existent-policy cannot be found.');
    await rejects(iam.send(new DeleteRolePolicyCommand({ RoleName: 'job', PolicyName: 'non-existent-policy' })), 'NoSuchEntity', 404, 'The role policy with name non-existent-policy cannot be found.');
    await rejects(iam.send(new PutRolePolicyCommand({ RoleName: 'nonexistent-role', PolicyName: 'p', PolicyDocument: doc(allow('s3:*')) })), 'NoSuchEntity', 404, 'The role with name nonexistent-role cannot be found.');
    await rejects(iam.send(new ListUserPoliciesCommand({ UserName: 'nobody' })), 'NoSuchEntity', 404, 'The user with name nobody cannot be found.');
    await rejects(iam.send(new ListGroupPoliciesCommand({ GroupName: 'nogroup' })), 'NoSuchEntity', 404, 'The group with name nogroup cannot be found.');
  });

  it('denies a user without permission', async () => {
    const quinn = await userWithKey(iam, 'quinn');
    const q = asUser(w, quinn);
    await rejects(q.send(new PutUserPolicyCommand({ UserName: 'quinn', PolicyName: 'escalate', PolicyDocument: doc(allow('*')) })), 'AccessDenied', 403, 'User: arn:aws:iam::000000000000:user/quinn is not authorized to perform: iam:PutUserPolicy on resource: arn:aws:iam::000000000000:user/quinn because no identity-based policy allows the iam:PutUserPolicy action');
    await rejects(q.send(new GetGroupPolicyCommand({ GroupName: 'crew', PolicyName: 'x' })), 'AccessDenied', 403, /iam:GetGroupPolicy on resource: arn:aws:iam::000000000000:group\/crew/);
    await rejects(q.send(new ListRolePoliciesCommand({ RoleName: 'job' })), 'AccessDenied', 403, /iam:ListRolePolicies/);
    assert.deepEqual((await iam.send(new ListUserPoliciesCommand({ UserName: 'quinn' }))).PolicyNames, []);
  });
});
