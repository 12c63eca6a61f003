// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateLoginProfile.html
import { defineOperation } from '../../../core/operation.js';
import { accessKeyUserName, authorizedEntity } from '../entities.js';
import { loginProfileExists, passwordRequired } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { checkPassword, hashPassword } from '../passwords.js';
import { iamState } from '../state.js';

type Op = Operations['CreateLoginProfile'];

export const createLoginProfile = defineOperation<Op['input'], Op['output']>({
  name: 'CreateLoginProfile',
  actions: ['iam:CreateLoginProfile'],
  readOnly: false,
  // requestParameters: the model marks Password `sensitive`, so the default leaves it out.
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    // Differs from AWS: without UserName the caller must be an IAM user (root's password is console-only in Warden).
    const user = await authorizedEntity(ctx, s, 'user', accessKeyUserName(ctx, input.UserName), 'iam:CreateLoginProfile');
    if ((await s.get('login-profile', user.name)) !== undefined) throw loginProfileExists(user.name);
    if (input.Password === undefined) throw passwordRequired();
    checkPassword((await s.passwordPolicy())?.policy, input.Password, user.name);
    const now = ctx.clock.now();
    const resetRequired = input.PasswordResetRequired ?? false;
    s.put('login-profile', { v: 1, name: user.name, createdMs: now, hash: await hashPassword(input.Password), resetRequired, changedMs: now, previous: [] }, true);
    return { LoginProfile: { UserName: user.name, CreateDate: new Date(now), PasswordResetRequired: resetRequired } };
  },
});
