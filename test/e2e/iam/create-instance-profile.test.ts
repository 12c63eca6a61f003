import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  GetAccountSummaryCommand,
  GetInstanceProfileCommand,
  type IAMClient,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  ListInstanceProfileTagsCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  UntagInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import type { Running } from '../../harness.js';
import { ACCOUNT, eventOf, rejects, startIam, TRUST_EC2, unique } from './helpers.js';

describe('iam instance profiles: create, roles, list, tags, delete', () => {
  let w: Running;
  let iam: IAMClient;
  before(async () => ({ w, iam } = await startIam()));
  after(() => w.stop());

  it('creates, holds one role, lists, refuses to delete while in use, and deletes', async () => {
    const name = unique('web');
    const created = await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name, Path: '/app/', Tags: [{ Key: 'tier', Value: 'web' }] }));
    const p = created.InstanceProfile!;
    assert.equal(p.Arn, `arn:aws:iam::${ACCOUNT}:instance-profile/app/${name}`);
    assert.match(p.InstanceProfileId!, /^AIPA[A-Z2-7]{17}$/);
    assert.deepEqual(p.Roles, []);
    assert.deepEqual(p.Tags, [{ Key: 'tier', Value: 'web' }]);
    const ev = await eventOf(w, created);
    assert.equal(ev['responseElements'].instanceProfile.instanceProfileName, name);
    await rejects(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name })), 'EntityAlreadyExists', 409, `Instance Profile ${name} already exists.`);

    const role = unique('ec2-role');
    const other = unique('other-role');
    await iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: TRUST_EC2 }));
    await iam.send(new CreateRoleCommand({ RoleName: other, AssumeRolePolicyDocument: TRUST_EC2 }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: role }));
    await rejects(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: other })), 'LimitExceeded', 409, 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1');
    await rejects(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: 'absent-role' })), 'NoSuchEntity', 404);
    const got = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name }));
    assert.deepEqual(got.InstanceProfile!.Roles!.map((r) => r.RoleName), [role]);
    assert.equal(got.InstanceProfile!.Roles![0]!.Arn, `arn:aws:iam::${ACCOUNT}:role/${role}`);
    const forRole = await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: role }));
    assert.deepEqual(forRole.InstanceProfiles!.map((x) => x.InstanceProfileName), [name]);
    assert.deepEqual((await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: other }))).InstanceProfiles, []);
    const listed = await iam.send(new ListInstanceProfilesCommand({ PathPrefix: '/app/' }));
    assert.deepEqual(listed.InstanceProfiles!.map((x) => x.InstanceProfileName), [name]);
    assert.equal(listed.InstanceProfiles![0]!.Tags, undefined);
    assert.equal((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap!['InstanceProfiles'], 1);

    await rejects(iam.send(new DeleteRoleCommand({ RoleName: role })), 'DeleteConflict', 409, 'Cannot delete entity, must remove roles from instance profile first.');
    await rejects(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: name })), 'DeleteConflict', 409, 'Cannot delete entity, must remove roles from instance profile first.');
    await rejects(iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: name, RoleName: other })), 'NoSuchEntity', 404);
    await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: name, RoleName: role }));
    await iam.send(new DeleteRoleCommand({ RoleName: role }));
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: name }));
    await rejects(iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name })), 'NoSuchEntity', 404, `Instance Profile ${name} cannot be found.`);
  });

  it('tags profiles', async () => {
    const name = unique('tagged');
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name }));
    await iam.send(new TagInstanceProfileCommand({ InstanceProfileName: name, Tags: [{ Key: 'z', Value: '1' }, { Key: 'a', Value: '2' }] }));
    assert.deepEqual((await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: name }))).Tags, [{ Key: 'a', Value: '2' }, { Key: 'z', Value: '1' }]);
    await iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: name, TagKeys: ['z'] }));
    assert.deepEqual((await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: name }))).Tags, [{ Key: 'a', Value: '2' }]);
  });
});
