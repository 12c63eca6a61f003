// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ChangePassword.html
import { defineOperation } from '../../../core/operation.js';
import { requireEntity } from '../entities.js';
import { noSuchLoginProfile, notAnIamUser, wrongOldPassword } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { checkPassword, checkReuse, hashPassword, verifyPassword } from '../passwords.js';
import { iamState } from '../state.js';

type Op = Operations['ChangePassword'];

/** How many earlier hashes a login profile keeps: the policy's largest PasswordReusePrevention. */
const HISTORY = 24;

export const changePassword = defineOperation<Op['input'], Op['output']>({
  name: 'ChangePassword',
  actions: ['iam:ChangePassword'],
  readOnly: false,
  async handler(input, ctx) {
    const p = ctx.principal;
    const s = iamState(ctx.tx, ctx.account);
    const policy = (await s.passwordPolicy())?.policy;
    if (p.type !== 'IAMUser' || p.userName === undefined) {
      await ctx.authorize({ action: 'iam:ChangePassword', resource: p.arn });
      throw notAnIamUser();
    }
    await ctx.authorize({
      action: 'iam:ChangePassword',
      resource: p.arn,
      // "AllowUsersToChangePassword: Allows all IAM users in your account to … change their own
      // passwords" (API_UpdateAccountPasswordPolicy) — without a policy of their own.
      implicitDenyFallback: async () => (policy?.AllowUsersToChangePassword === true ? { allowedBy: 'account password policy (AllowUsersToChangePassword)' } : undefined),
    });
    const user = await requireEntity(s, 'user', p.userName);
    const login = await s.get('login-profile', user.name);
    if (login === undefined) throw noSuchLoginProfile(user.name);
    if (!(await verifyPassword(input.OldPassword, login.hash))) throw wrongOldPassword();
    checkPassword(policy, input.NewPassword, user.name);
    await checkReuse(policy, input.NewPassword, [login.hash, ...login.previous]);
    const previous = [login.hash, ...login.previous].slice(0, HISTORY);
    s.put('login-profile', { ...login, hash: await hashPassword(input.NewPassword), resetRequired: false, changedMs: ctx.clock.now(), previous });
    return {};
  },
});
