import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as I from '@aws-sdk/client-iam';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, asUser, rejects, TRUST_EC2, unique, userWithKey, type UserWithKey } from './helpers.js';

/** Every operation this change added, called by a user without any policy: AccessDenied naming the action, audited. */
describe('iam MFA, password, instance-profile and report operations deny callers without permission', () => {
  let w: Running;
  let iam: I.IAMClient;
  let nobody: UserWithKey;
  const target = unique('target');
  const serial = `arn:aws:iam::${ACCOUNT}:mfa/${unique('dev')}`;
  const profile = unique('profile');
  const role = unique('role');

  before(async () => {
    w = await startTestWarden();
    iam = w.client(I.IAMClient);
    nobody = await userWithKey(iam, unique('nobody'));
    await iam.send(new I.CreateUserCommand({ UserName: target }));
    await iam.send(new I.CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: TRUST_EC2 }));
    await iam.send(new I.CreateInstanceProfileCommand({ InstanceProfileName: profile }));
  });
  after(() => w.stop());

  const codes = { AuthenticationCode1: '123456', AuthenticationCode2: '234567' };
  const cases: [string, () => object][] = [
    ['CreateVirtualMFADevice', () => new I.CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: unique('d') })],
    ['EnableMFADevice', () => new I.EnableMFADeviceCommand({ UserName: target, SerialNumber: serial, ...codes })],
    ['ResyncMFADevice', () => new I.ResyncMFADeviceCommand({ UserName: target, SerialNumber: serial, ...codes })],
    ['DeactivateMFADevice', () => new I.DeactivateMFADeviceCommand({ UserName: target, SerialNumber: serial })],
    ['DeleteVirtualMFADevice', () => new I.DeleteVirtualMFADeviceCommand({ SerialNumber: serial })],
    ['ListMFADevices', () => new I.ListMFADevicesCommand({ UserName: target })],
    ['ListVirtualMFADevices', () => new I.ListVirtualMFADevicesCommand({})],
    ['GetMFADevice', () => new I.GetMFADeviceCommand({ UserName: target, SerialNumber: serial })],
    ['TagMFADevice', () => new I.TagMFADeviceCommand({ SerialNumber: serial, Tags: [{ Key: 'k', Value: 'v' }] })],
    ['UntagMFADevice', () => new I.UntagMFADeviceCommand({ SerialNumber: serial, TagKeys: ['k'] })],
    ['ListMFADeviceTags', () => new I.ListMFADeviceTagsCommand({ SerialNumber: serial })],
    ['CreateLoginProfile', () => new I.CreateLoginProfileCommand({ UserName: target, Password: 'Some-pass-1' })],
    ['GetLoginProfile', () => new I.GetLoginProfileCommand({ UserName: target })],
    ['UpdateLoginProfile', () => new I.UpdateLoginProfileCommand({ UserName: target, PasswordResetRequired: true })],
    ['DeleteLoginProfile', () => new I.DeleteLoginProfileCommand({ UserName: target })],
    ['ChangePassword', () => new I.ChangePasswordCommand({ OldPassword: 'a', NewPassword: 'b' })],
    ['UpdateAccountPasswordPolicy', () => new I.UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 10 })],
    ['GetAccountPasswordPolicy', () => new I.GetAccountPasswordPolicyCommand({})],
    ['DeleteAccountPasswordPolicy', () => new I.DeleteAccountPasswordPolicyCommand({})],
    ['CreateInstanceProfile', () => new I.CreateInstanceProfileCommand({ InstanceProfileName: unique('p') })],
    ['GetInstanceProfile', () => new I.GetInstanceProfileCommand({ InstanceProfileName: profile })],
    ['DeleteInstanceProfile', () => new I.DeleteInstanceProfileCommand({ InstanceProfileName: profile })],
    ['ListInstanceProfiles', () => new I.ListInstanceProfilesCommand({})],
    ['ListInstanceProfilesForRole', () => new I.ListInstanceProfilesForRoleCommand({ RoleName: role })],
    ['AddRoleToInstanceProfile', () => new I.AddRoleToInstanceProfileCommand({ InstanceProfileName: profile, RoleName: role })],
    ['RemoveRoleFromInstanceProfile', () => new I.RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: profile, RoleName: role })],
    ['TagInstanceProfile', () => new I.TagInstanceProfileCommand({ InstanceProfileName: profile, Tags: [{ Key: 'k', Value: 'v' }] })],
    ['UntagInstanceProfile', () => new I.UntagInstanceProfileCommand({ InstanceProfileName: profile, TagKeys: ['k'] })],
    ['ListInstanceProfileTags', () => new I.ListInstanceProfileTagsCommand({ InstanceProfileName: profile })],
    ['GenerateCredentialReport', () => new I.GenerateCredentialReportCommand({})],
    ['GetCredentialReport', () => new I.GetCredentialReportCommand({})],
    ['GetAccountAuthorizationDetails', () => new I.GetAccountAuthorizationDetailsCommand({})],
  ];

  for (const [op, command] of cases) {
    it(op, async () => {
      const e = await rejects(asUser(w, nobody).send(command() as never), 'AccessDenied', 403, new RegExp(`^User: arn:aws:iam::${ACCOUNT}:user/${nobody.userName} is not authorized to perform: iam:${op} on resource: `));
      const ev = await w.eventFor(e.$metadata.requestId);
      assert.equal(ev['eventName'], op);
      assert.equal(ev['errorCode'], 'AccessDenied');
      assert.ok(!JSON.stringify(ev).includes('Some-pass-1'));
    });
  }
});
