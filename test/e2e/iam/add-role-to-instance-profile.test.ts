import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  GetInstanceProfileCommand,
  type IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import type { Running } from '../../harness.js';
import { ACCOUNT, allow, asUser, doc, rejects, startIam, TRUST_EC2, unique, userWithKey } from './helpers.js';

describe('iam AddRoleToInstanceProfile', () => {
  let w: Running;
  let iam: IAMClient;
  before(async () => ({ w, iam } = await startIam()));
  after(() => w.stop());

  it('AddRoleToInstanceProfile also needs iam:PassRole on the role', async () => {
    const name = unique('pass');
    const role = unique('pass-role');
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name }));
    await iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: TRUST_EC2 }));
    const u = await userWithKey(iam, unique('ops'));
    const asOps = asUser(w, u);
    await rejects(asOps.send(new CreateInstanceProfileCommand({ InstanceProfileName: unique('x') })), 'AccessDenied', 403, /iam:CreateInstanceProfile/);
    await iam.send(new PutUserPolicyCommand({ UserName: u.userName, PolicyName: 'profiles', PolicyDocument: doc(allow('iam:AddRoleToInstanceProfile')) }));
    await rejects(asOps.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: role })), 'AccessDenied', 403, new RegExp(`iam:PassRole on resource: arn:aws:iam::${ACCOUNT}:role/${role}`));
    assert.deepEqual((await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name }))).InstanceProfile!.Roles, []);
    await iam.send(new PutUserPolicyCommand({ UserName: u.userName, PolicyName: 'profiles', PolicyDocument: doc(allow(['iam:AddRoleToInstanceProfile', 'iam:PassRole'])) }));
    await asOps.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: role }));
  });
});
