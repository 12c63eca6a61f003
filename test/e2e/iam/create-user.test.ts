import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetGroupCommand,
  GetUserCommand,
  type IAMClient,
  ListAccessKeysCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateUserCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Running } from '../../harness.js';
import { ACCOUNT, allow, asUser, doc, eventOf, rejects, startIam, unique, userWithKey } from './helpers.js';

describe('iam users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser, tags', () => {
  let w: Running;
  let iam: IAMClient;
  before(async () => ({ w, iam } = await startIam()));
  after(() => w.stop());

  it('CreateUser answers the user with an AIDA id, path, tags; GetUser returns it; the event is audited', async () => {
    const out = await iam.send(new CreateUserCommand({ UserName: 'Ann', Path: '/eng/', Tags: [{ Key: 'team', Value: 'red' }] }));
    const u = out.User!;
    assert.equal(u.UserName, 'Ann');
    assert.equal(u.Path, '/eng/');
    assert.equal(u.Arn, `arn:aws:iam::${ACCOUNT}:user/eng/Ann`);
    assert.match(u.UserId!, /^AIDA[A-Z2-7]{17}$/);
    assert.ok(u.CreateDate instanceof Date);
    assert.deepEqual(u.Tags, [{ Key: 'team', Value: 'red' }]);
    const got = await iam.send(new GetUserCommand({ UserName: 'ann' })); // names are case-insensitive
    assert.equal(got.User!.UserName, 'Ann');
    assert.equal(got.User!.UserId, u.UserId);
    const ev = await eventOf(w, out);
    assert.equal(ev['eventSource'], 'iam.amazonaws.com');
    assert.equal(ev['eventName'], 'CreateUser');
    assert.equal(ev['awsRegion'], 'us-east-1');
    assert.equal(ev['readOnly'], false);
    assert.deepEqual(ev['requestParameters'], { path: '/eng/', userName: 'Ann', tags: [{ key: 'team', value: 'red' }] });
    assert.equal(ev['responseElements'].user.userId, u.UserId);
    assert.equal(ev['additionalEventData'].warden.authorization.length, 2); // iam:CreateUser and iam:TagUser
  });

  it('refuses a duplicate name in any case with EntityAlreadyExists 409', async () => {
    await rejects(iam.send(new CreateUserCommand({ UserName: 'ANN' })), 'EntityAlreadyExists', 409, 'User with name ANN already exists.');
  });

  it('refuses duplicate tag keys (case-insensitive) and stores nothing', async () => {
    await rejects(
      iam.send(new CreateUserCommand({ UserName: 'tagdup', Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] })),
      'InvalidInput',
      400,
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    );
    await rejects(iam.send(new GetUserCommand({ UserName: 'tagdup' })), 'NoSuchEntity', 404, 'The user with name tagdup cannot be found.');
  });

  it('refuses a bad name or path with ValidationError and stores nothing', async () => {
    const e = await rejects(iam.send(new CreateUserCommand({ UserName: 'bad name!' })), 'ValidationError', 400);
    assert.match(e.message, /userName/);
    await rejects(iam.send(new CreateUserCommand({ UserName: 'pathless', Path: 'nopath' })), 'ValidationError', 400);
    await rejects(iam.send(new GetUserCommand({ UserName: 'pathless' })), 'NoSuchEntity', 404);
  });

  it('GetUser without UserName answers the caller; root gets its account view', async () => {
    const self = await iam.send(new GetUserCommand({}));
    assert.equal(self.User!.Arn, `arn:aws:iam::${ACCOUNT}:root`);
    assert.equal(self.User!.UserId, ACCOUNT);
    assert.equal(self.User!.UserName, undefined);
    const bo = await userWithKey(iam, 'bo');
    await iam.send(new PutUserPolicyCommand({ UserName: 'bo', PolicyName: 'self', PolicyDocument: doc(allow('iam:GetUser', `arn:aws:iam::${ACCOUNT}:user/bo`)) }));
    const mine = await asUser(w, bo).send(new GetUserCommand({}));
    assert.equal(mine.User!.UserName, 'bo');
  });

  it('ListUsers filters by PathPrefix and pages with Marker/MaxItems/IsTruncated', async () => {
    for (const n of ['p1', 'p2', 'p3']) await iam.send(new CreateUserCommand({ UserName: n, Path: '/paged/' }));
    const first = await iam.send(new ListUsersCommand({ PathPrefix: '/paged/', MaxItems: 2 }));
    assert.deepEqual(first.Users!.map((u) => u.UserName), ['p1', 'p2']);
    assert.equal(first.IsTruncated, true);
    assert.ok(first.Marker);
    const second = await iam.send(new ListUsersCommand({ PathPrefix: '/paged/', MaxItems: 2, Marker: first.Marker }));
    assert.deepEqual(second.Users!.map((u) => u.UserName), ['p3']);
    assert.equal(second.IsTruncated, false);
    assert.equal(second.Marker, undefined);
    assert.equal(second.Users![0]!.Tags, undefined); // ListUsers leaves tags out
    const none = await iam.send(new ListUsersCommand({ PathPrefix: '/nothing-here/' }));
    assert.deepEqual(none.Users, []);
  });

  it('UpdateUser renames and moves a user; its id, groups and keys follow', async () => {
    const cy = await userWithKey(iam, 'cy');
    await iam.send(new CreateGroupCommand({ GroupName: 'cy-group' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'cy-group', UserName: 'cy' }));
    const before = await iam.send(new GetUserCommand({ UserName: 'cy' }));
    await iam.send(new UpdateUserCommand({ UserName: 'cy', NewUserName: 'cyrus', NewPath: '/moved/' }));
    const after = await iam.send(new GetUserCommand({ UserName: 'cyrus' }));
    assert.equal(after.User!.UserId, before.User!.UserId);
    assert.equal(after.User!.Arn, `arn:aws:iam::${ACCOUNT}:user/moved/cyrus`);
    await rejects(iam.send(new GetUserCommand({ UserName: 'cy' })), 'NoSuchEntity', 404, 'The user with name cy cannot be found.');
    const g = await iam.send(new GetGroupCommand({ GroupName: 'cy-group' }));
    assert.deepEqual(g.Users!.map((u) => u.UserName), ['cyrus']);
    const keys = await iam.send(new ListAccessKeysCommand({ UserName: 'cyrus' }));
    assert.equal(keys.AccessKeyMetadata![0]!.UserName, 'cyrus');
    const who = await w.client(STSClient, { credentials: cy.credentials }).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, `arn:aws:iam::${ACCOUNT}:user/moved/cyrus`);
    await rejects(iam.send(new UpdateUserCommand({ UserName: 'cyrus', NewUserName: 'ANN' })), 'EntityAlreadyExists', 409, 'User with name ANN already exists.');
    await rejects(iam.send(new UpdateUserCommand({ UserName: 'nobody', NewUserName: 'x' })), 'NoSuchEntity', 404, 'The user with name nobody cannot be found.');
  });

  it('DeleteUser refuses while the user has keys, policies or groups (DeleteConflict 409), then deletes', async () => {
    const name = unique('del');
    await iam.send(new CreateUserCommand({ UserName: name }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    await rejects(iam.send(new DeleteUserCommand({ UserName: name })), 'DeleteConflict', 409, 'Cannot delete entity, must delete access keys first.');
    await iam.send(new DeleteAccessKeyCommand({ UserName: name, AccessKeyId: AccessKey!.AccessKeyId! }));
    await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: doc(allow('s3:GetObject')) }));
    await rejects(iam.send(new DeleteUserCommand({ UserName: name })), 'DeleteConflict', 409, 'Cannot delete entity, must delete policies first.');
    await iam.send(new DeleteUserPolicyCommand({ UserName: name, PolicyName: 'p' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await rejects(iam.send(new DeleteUserCommand({ UserName: name })), 'DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.');
    await iam.send(new DetachUserPolicyCommand({ UserName: name, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await iam.send(new CreateGroupCommand({ GroupName: `${name}-g` }));
    await iam.send(new AddUserToGroupCommand({ GroupName: `${name}-g`, UserName: name }));
    await rejects(iam.send(new DeleteUserCommand({ UserName: name })), 'DeleteConflict', 409, 'Cannot delete entity, must remove users from group first.');
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: `${name}-g`, UserName: name }));
    const out = await iam.send(new DeleteUserCommand({ UserName: name }));
    assert.equal(out.$metadata.httpStatusCode, 200);
    await rejects(iam.send(new GetUserCommand({ UserName: name })), 'NoSuchEntity', 404, `The user with name ${name} cannot be found.`);
    await rejects(iam.send(new DeleteUserCommand({ UserName: name })), 'NoSuchEntity', 404, `The user with name ${name} cannot be found.`);
    const ev = await w.lastEvent('DeleteUser');
    assert.equal(ev['errorCode'], 'NoSuchEntity');
  });

  it('TagUser, UntagUser, ListUserTags: merge case-insensitively, list in key order', async () => {
    await iam.send(new CreateUserCommand({ UserName: 'tagged', Tags: [{ Key: 'b', Value: '1' }] }));
    await iam.send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'a', Value: '2' }, { Key: 'B', Value: '3' }] }));
    const listed = await iam.send(new ListUserTagsCommand({ UserName: 'tagged' }));
    assert.deepEqual(listed.Tags, [{ Key: 'B', Value: '3' }, { Key: 'a', Value: '2' }]);
    assert.equal(listed.IsTruncated, false);
    await iam.send(new UntagUserCommand({ UserName: 'tagged', TagKeys: ['b', 'missing'] }));
    assert.deepEqual((await iam.send(new ListUserTagsCommand({ UserName: 'tagged' }))).Tags, [{ Key: 'a', Value: '2' }]);
    const paged = await iam.send(new ListUserTagsCommand({ UserName: 'tagged', MaxItems: 1 }));
    assert.equal(paged.IsTruncated, false);
    const missing = 'The user with name nonexistent-user cannot be found.';
    await rejects(iam.send(new TagUserCommand({ UserName: 'nonexistent-user', Tags: [{ Key: 'k', Value: 'v' }] })), 'NoSuchEntity', 404, missing);
    await rejects(iam.send(new UntagUserCommand({ UserName: 'nonexistent-user', TagKeys: ['k'] })), 'NoSuchEntity', 404, missing);
    await rejects(iam.send(new ListUserTagsCommand({ UserName: 'nonexistent-user' })), 'NoSuchEntity', 404, missing);
  });

  it('denies a user without permission, on the target user ARN with its path', async () => {
    const dee = await userWithKey(iam, 'dee');
    const d = asUser(w, dee);
    await rejects(d.send(new CreateUserCommand({ UserName: 'x', Path: '/p/' })), 'AccessDenied', 403, `User: arn:aws:iam::${ACCOUNT}:user/dee is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${ACCOUNT}:user/p/x because no identity-based policy allows the iam:CreateUser action`);
    await rejects(d.send(new GetUserCommand({ UserName: 'Ann' })), 'AccessDenied', 403, /iam:GetUser on resource: arn:aws:iam::000000000000:user\/eng\/Ann because/);
    await rejects(d.send(new DeleteUserCommand({ UserName: 'Ann' })), 'AccessDenied', 403, /iam:DeleteUser/);
    await rejects(d.send(new TagUserCommand({ UserName: 'Ann', Tags: [{ Key: 'k', Value: 'v' }] })), 'AccessDenied', 403, /iam:TagUser/);
    await rejects(d.send(new UpdateUserCommand({ UserName: 'Ann', NewPath: '/x/' })), 'AccessDenied', 403, /iam:UpdateUser/);
    assert.equal((await iam.send(new GetUserCommand({ UserName: 'Ann' }))).User!.Path, '/eng/');
  });

  it('CreateUser with tags needs iam:TagUser too; conditions see aws:RequestTag', async () => {
    const eve = await userWithKey(iam, 'eve');
    await iam.send(new PutUserPolicyCommand({ UserName: 'eve', PolicyName: 'create', PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:CreateUser', Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/team': 'blue' } } }) }));
    const e = asUser(w, eve);
    await rejects(e.send(new CreateUserCommand({ UserName: 'by-eve', Tags: [{ Key: 'team', Value: 'red' }] })), 'AccessDenied', 403, /iam:CreateUser/);
    await rejects(e.send(new CreateUserCommand({ UserName: 'by-eve', Tags: [{ Key: 'team', Value: 'blue' }] })), 'AccessDenied', 403, /iam:TagUser/);
    await rejects(iam.send(new GetUserCommand({ UserName: 'by-eve' })), 'NoSuchEntity', 404);
  });
});
