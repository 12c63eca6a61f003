// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateLoginProfile.html
import { defineOperation } from '../../../core/operation.js';
import { authorizedEntity } from '../entities.js';
import { noSuchLoginProfile } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { checkPassword, hashPassword } from '../passwords.js';
import { iamState } from '../state.js';

type Op = Operations['UpdateLoginProfile'];

export const updateLoginProfile = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateLoginProfile',
  actions: ['iam:UpdateLoginProfile'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const user = await authorizedEntity(ctx, s, 'user', input.UserName, 'iam:UpdateLoginProfile');
    const login = await s.get('login-profile', user.name);
    if (login === undefined) throw noSuchLoginProfile(user.name);
    let next = { ...login, resetRequired: input.PasswordResetRequired ?? login.resetRequired };
    if (input.Password !== undefined) {
      // An administrator's reset is held to the policy's rules, but not to reuse prevention (IAM UG: reuse applies to users changing their own).
      checkPassword((await s.passwordPolicy())?.policy, input.Password, user.name);
      next = { ...next, hash: await hashPassword(input.Password), changedMs: ctx.clock.now(), previous: [login.hash, ...login.previous].slice(0, 24) };
    }
    s.put('login-profile', next);
    return {};
  },
});
