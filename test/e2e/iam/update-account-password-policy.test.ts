import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateLoginProfileCommand,
  DeleteAccountPasswordPolicyCommand,
  GetAccountPasswordPolicyCommand,
  type IAMClient,
  UpdateAccountPasswordPolicyCommand,
} from '@aws-sdk/client-iam';
import type { Running } from '../../harness.js';
import { ACCOUNT, rejects, startIam, unique, userWithKey } from './helpers.js';

describe('iam Update/Get/DeleteAccountPasswordPolicy', () => {
  let w: Running;
  let iam: IAMClient;
  before(async () => ({ w, iam } = await startIam()));
  after(() => w.stop());

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
});
