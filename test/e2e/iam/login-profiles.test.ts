import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ChangePasswordCommand,
  CreateLoginProfileCommand,
  DeleteAccountPasswordPolicyCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  GetAccountPasswordPolicyCommand,
  GetLoginProfileCommand,
  IAMClient,
  UpdateAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, asUser, eventOf, rejects, unique, userWithKey } from './helpers.js';

describe('iam login profiles and the account password policy', () => {
  let w: Running;
  let iam: IAMClient;
  before(async () => {
    w = await startTestWarden();
    iam = w.client(IAMClient);
  });
  after(() => w.stop());

  it('CreateLoginProfile holds passwords to AWS default policy, stores only a hash and never audits the password', async () => {
    const { userName } = await userWithKey(iam, unique('console'));
    await rejects(
      iam.send(new CreateLoginProfileCommand({ UserName: userName, Password: 'password123' })),
      'PasswordPolicyViolation',
      400,
      'Password should meet 1 more of the following requirements: Password should have at least one uppercase letter, Password should have at least one symbol',
    );
    await rejects(iam.send(new GetLoginProfileCommand({ UserName: userName })), 'NoSuchEntity', 404, `Login Profile for User ${userName} cannot be found.`);
    const secret = 'Correct-Horse-9';
    const out = await iam.send(new CreateLoginProfileCommand({ UserName: userName, Password: secret, PasswordResetRequired: true }));
    assert.equal(out.LoginProfile!.UserName, userName);
    assert.equal(out.LoginProfile!.PasswordResetRequired, true);
    assert.ok(out.LoginProfile!.CreateDate instanceof Date);
    const ev = await eventOf(w, out);
    assert.deepEqual(ev['requestParameters'], { userName, passwordResetRequired: true });
    assert.ok(!JSON.stringify(ev).includes(secret));
    const rows = await w.warden.store.read((tx) => tx.scan('iam/'));
    assert.ok(rows.some((r) => Buffer.from(r.value).toString('utf8').includes('scrypt$')));
    assert.ok(rows.every((r) => !Buffer.from(r.value).toString('utf8').includes(secret)));
    await rejects(iam.send(new CreateLoginProfileCommand({ UserName: userName, Password: secret })), 'EntityAlreadyExists', 409);
    await rejects(iam.send(new CreateLoginProfileCommand({ UserName: 'nobody-here', Password: secret })), 'NoSuchEntity', 404);
    await iam.send(new UpdateLoginProfileCommand({ UserName: userName, PasswordResetRequired: false }));
    assert.equal((await iam.send(new GetLoginProfileCommand({ UserName: userName }))).LoginProfile!.PasswordResetRequired, false);
    await rejects(iam.send(new DeleteUserCommand({ UserName: userName })), 'DeleteConflict', 409);
    await iam.send(new DeleteLoginProfileCommand({ UserName: userName }));
    await rejects(iam.send(new DeleteLoginProfileCommand({ UserName: userName })), 'NoSuchEntity', 404);
  });

  it('the account password policy: set, read, enforced on passwords, deleted', async () => {
    await rejects(iam.send(new GetAccountPasswordPolicyCommand({})), 'NoSuchEntity', 404, `The Password Policy with domain name ${ACCOUNT} cannot be found.`);
    await rejects(iam.send(new DeleteAccountPasswordPolicyCommand({})), 'NoSuchEntity', 404);
    await rejects(iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 5 })), 'ValidationError', 400, /minimumPasswordLength/);
    await iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12, RequireSymbols: true, RequireNumbers: true, MaxPasswordAge: 90, PasswordReusePrevention: 2 }));
    const { PasswordPolicy: p } = await iam.send(new GetAccountPasswordPolicyCommand({}));
    assert.deepEqual(p, {
      MinimumPasswordLength: 12,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: true,
      MaxPasswordAge: 90,
      PasswordReusePrevention: 2,
    });
    const { userName } = await userWithKey(iam, unique('policy'));
    await rejects(
      iam.send(new CreateLoginProfileCommand({ UserName: userName, Password: 'abcdefgh' })),
      'PasswordPolicyViolation',
      400,
      'Password should have a minimum length of 12, Password should have at least one number, Password should have at least one symbol',
    );
    await iam.send(new CreateLoginProfileCommand({ UserName: userName, Password: 'all lower 1 !' }));
    await iam.send(new DeleteAccountPasswordPolicyCommand({}));
    await rejects(iam.send(new GetAccountPasswordPolicyCommand({})), 'NoSuchEntity', 404);
  });

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
