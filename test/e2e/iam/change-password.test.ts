import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ChangePasswordCommand,
  CreateLoginProfileCommand,
  DeleteAccountPasswordPolicyCommand,
  type IAMClient,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import type { Running } from '../../harness.js';
import { asUser, eventOf, rejects, startIam, unique, userWithKey } from './helpers.js';

describe('iam ChangePassword', () => {
  let w: Running;
  let iam: IAMClient;
  before(async () => ({ w, iam } = await startIam()));
  after(() => w.stop());

  it('ChangePassword: the calling user, with permission or AllowUsersToChangePassword; old password checked; reuse refused', async () => {
    const u = await userWithKey(iam, unique('changer'));
    await iam.send(new CreateLoginProfileCommand({ UserName: u.userName, Password: 'First-pass-1' }));
    const self = asUser(w, u);
    await rejects(self.send(new ChangePasswordCommand({ OldPassword: 'First-pass-1', NewPassword: 'Second-pass-2' })), 'AccessDenied', 403, /iam:ChangePassword/);
    await iam.send(new UpdateAccountPasswordPolicyCommand({ AllowUsersToChangePassword: true, PasswordReusePrevention: 3, MinimumPasswordLength: 8 }));
    await rejects(self.send(new ChangePasswordCommand({ OldPassword: 'wrong-Pass-1', NewPassword: 'Second-pass-2' })), 'InvalidUserType', 400);
    const out = await self.send(new ChangePasswordCommand({ OldPassword: 'First-pass-1', NewPassword: 'Second-pass-2' }));
    const ev = await eventOf(w, out);
    assert.equal(ev['eventName'], 'ChangePassword');
    assert.ok(!JSON.stringify(ev).includes('Second-pass-2') && !JSON.stringify(ev).includes('First-pass-1'));
    assert.deepEqual(ev['additionalEventData'].warden.authorization[0].allowedBy, { allowedBy: 'account password policy (AllowUsersToChangePassword)' });
    await rejects(self.send(new ChangePasswordCommand({ OldPassword: 'Second-pass-2', NewPassword: 'First-pass-1' })), 'PasswordPolicyViolation', 400, 'Password should not be one of your previous 3 passwords');
    await self.send(new ChangePasswordCommand({ OldPassword: 'Second-pass-2', NewPassword: 'Third-pass-3' }));
    await rejects(iam.send(new ChangePasswordCommand({ OldPassword: 'a', NewPassword: 'b' })), 'InvalidUserType', 400);
    await iam.send(new DeleteAccountPasswordPolicyCommand({}));
  });
});
