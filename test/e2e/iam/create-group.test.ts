import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DetachGroupPolicyCommand,
  GetGroupCommand,
  IAMClient,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
  UpdateGroupCommand,
} from '@aws-sdk/client-iam';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, allow, asUser, doc, eventOf, rejects, userWithKey } from './helpers.js';

describe('iam groups: CreateGroup, GetGroup, ListGroups, ListGroupsForUser, membership, UpdateGroup, DeleteGroup', () => {
  let w: Running;
  let iam: IAMClient;
  before(async () => {
    w = await startTestWarden();
    iam = w.client(IAMClient);
    for (const u of ['u1', 'u2']) await iam.send(new CreateUserCommand({ UserName: u }));
  });
  after(() => w.stop());

  it('CreateGroup answers the group with an AGPA id and path; duplicates are EntityAlreadyExists', async () => {
    const out = await iam.send(new CreateGroupCommand({ GroupName: 'devs', Path: '/eng/' }));
    assert.equal(out.Group!.GroupName, 'devs');
    assert.equal(out.Group!.Arn, `arn:aws:iam::${ACCOUNT}:group/eng/devs`);
    assert.match(out.Group!.GroupId!, /^AGPA[A-Z2-7]{17}$/);
    const ev = await eventOf(w, out);
    assert.equal(ev['eventName'], 'CreateGroup');
    assert.equal(ev['responseElements'].group.groupName, 'devs');
    await rejects(iam.send(new CreateGroupCommand({ GroupName: 'DEVS' })), 'EntityAlreadyExists', 409, 'Group with name DEVS already exists.');
  });

  it('AddUserToGroup, GetGroup with its users, ListGroupsForUser; adding twice is a no-op', async () => {
    await iam.send(new CreateGroupCommand({ GroupName: 'ops' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'u1' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'u2' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'u2' }));
    await iam.send(new AddUserToGroupCommand({ GroupName: 'ops', UserName: 'u1' }));
    const g = await iam.send(new GetGroupCommand({ GroupName: 'devs' }));
    assert.equal(g.Group!.GroupName, 'devs');
    assert.deepEqual(g.Users!.map((u) => u.UserName), ['u1', 'u2']);
    assert.equal(g.IsTruncated, false);
    const page = await iam.send(new GetGroupCommand({ GroupName: 'devs', MaxItems: 1 }));
    assert.equal(page.IsTruncated, true);
    const rest = await iam.send(new GetGroupCommand({ GroupName: 'devs', Marker: page.Marker }));
    assert.deepEqual(rest.Users!.map((u) => u.UserName), ['u2']);
    const forUser = await iam.send(new ListGroupsForUserCommand({ UserName: 'u1' }));
    assert.deepEqual(forUser.Groups!.map((x) => x.GroupName), ['devs', 'ops']);
  });

  it('membership errors: the user is looked for first; removing a non-member succeeds', async () => {
    await rejects(iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'nonexistent-user' })), 'NoSuchEntity', 404, 'The user with name nonexistent-user cannot be found.');
    await rejects(iam.send(new AddUserToGroupCommand({ GroupName: 'nonexistent-group', UserName: 'u1' })), 'NoSuchEntity', 404, 'The group with name nonexistent-group cannot be found.');
    await rejects(iam.send(new RemoveUserFromGroupCommand({ GroupName: 'nonexistent-group', UserName: 'any-user' })), 'NoSuchEntity', 404, 'The user with name any-user cannot be found.');
    const out = await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'ops', UserName: 'u2' }));
    assert.equal(out.$metadata.httpStatusCode, 200);
  });

  it('ListGroups filters by PathPrefix', async () => {
    const all = await iam.send(new ListGroupsCommand({}));
    assert.deepEqual(all.Groups!.map((g) => g.GroupName), ['devs', 'ops']);
    const eng = await iam.send(new ListGroupsCommand({ PathPrefix: '/eng/' }));
    assert.deepEqual(eng.Groups!.map((g) => g.GroupName), ['devs']);
  });

  it('UpdateGroup renames and moves; members follow', async () => {
    await iam.send(new UpdateGroupCommand({ GroupName: 'ops', NewGroupName: 'operations', NewPath: '/x/' }));
    const g = await iam.send(new GetGroupCommand({ GroupName: 'operations' }));
    assert.equal(g.Group!.Arn, `arn:aws:iam::${ACCOUNT}:group/x/operations`);
    assert.deepEqual(g.Users!.map((u) => u.UserName), ['u1']);
    const forUser = await iam.send(new ListGroupsForUserCommand({ UserName: 'u1' }));
    assert.deepEqual(forUser.Groups!.map((x) => x.GroupName), ['devs', 'operations']);
    await rejects(iam.send(new GetGroupCommand({ GroupName: 'ops' })), 'NoSuchEntity', 404, 'The group with name ops cannot be found.');
    await rejects(iam.send(new UpdateGroupCommand({ GroupName: 'operations', NewGroupName: 'devs' })), 'EntityAlreadyExists', 409, 'Group with name devs already exists.');
  });

  it('DeleteGroup refuses while it has users or policies (DeleteConflict 409)', async () => {
    await rejects(iam.send(new DeleteGroupCommand({ GroupName: 'operations' })), 'DeleteConflict', 409, 'Cannot delete entity, must remove users from group first.');
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: 'operations', UserName: 'u1' }));
    await iam.send(new PutGroupPolicyCommand({ GroupName: 'operations', PolicyName: 'p', PolicyDocument: doc(allow('s3:*')) }));
    await rejects(iam.send(new DeleteGroupCommand({ GroupName: 'operations' })), 'DeleteConflict', 409, 'Cannot delete entity, must delete policies first.');
    await iam.send(new DeleteGroupPolicyCommand({ GroupName: 'operations', PolicyName: 'p' }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: 'operations', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await rejects(iam.send(new DeleteGroupCommand({ GroupName: 'operations' })), 'DeleteConflict', 409, 'Cannot delete entity, must detach all policies first.');
    await iam.send(new DetachGroupPolicyCommand({ GroupName: 'operations', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await iam.send(new DeleteGroupCommand({ GroupName: 'operations' }));
    await rejects(iam.send(new DeleteGroupCommand({ GroupName: 'operations' })), 'NoSuchEntity', 404, 'The group with name operations cannot be found.');
    assert.deepEqual((await iam.send(new ListGroupsForUserCommand({ UserName: 'u1' }))).Groups!.map((g) => g.GroupName), ['devs']);
  });

  it('denies a user without permission; AddUserToGroup is authorized on the group', async () => {
    const gus = await userWithKey(iam, 'gus');
    const g = asUser(w, gus);
    await rejects(g.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'gus' })), 'AccessDenied', 403, `User: arn:aws:iam::${ACCOUNT}:user/gus is not authorized to perform: iam:AddUserToGroup on resource: arn:aws:iam::${ACCOUNT}:group/eng/devs because no identity-based policy allows the iam:AddUserToGroup action`);
    await rejects(g.send(new ListGroupsCommand({})), 'AccessDenied', 403, /iam:ListGroups on resource: arn:aws:iam::000000000000:group\/ because/);
    await rejects(g.send(new CreateGroupCommand({ GroupName: 'mine' })), 'AccessDenied', 403, /iam:CreateGroup/);
    await rejects(iam.send(new GetGroupCommand({ GroupName: 'mine' })), 'NoSuchEntity', 404);
  });
});
