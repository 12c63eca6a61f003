import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateLoginProfileCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  GetLoginProfileCommand,
  type IAMClient,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import type { Running } from '../../harness.js';
import { eventOf, rejects, startIam, unique, userWithKey } from './helpers.js';

describe('iam CreateLoginProfile, GetLoginProfile, UpdateLoginProfile, DeleteLoginProfile', () => {
  let w: Running;
  let iam: IAMClient;
  before(async () => ({ w, iam } = await startIam()));
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
});
