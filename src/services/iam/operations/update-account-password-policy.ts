// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations, PasswordPolicy } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['UpdateAccountPasswordPolicy'];

export const updateAccountPasswordPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateAccountPasswordPolicy',
  actions: ['iam:UpdateAccountPasswordPolicy'],
  readOnly: false,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'iam:UpdateAccountPasswordPolicy', resource: '*' });
    // "If you do not specify a value for this parameter, then the operation uses the default value"
    // for each member: length 6, every boolean false, no expiry, no reuse prevention (API reference).
    const policy: PasswordPolicy = {
      MinimumPasswordLength: input.MinimumPasswordLength ?? 6,
      RequireSymbols: input.RequireSymbols ?? false,
      RequireNumbers: input.RequireNumbers ?? false,
      RequireUppercaseCharacters: input.RequireUppercaseCharacters ?? false,
      RequireLowercaseCharacters: input.RequireLowercaseCharacters ?? false,
      AllowUsersToChangePassword: input.AllowUsersToChangePassword ?? false,
      ExpirePasswords: input.MaxPasswordAge !== undefined,
      ...(input.MaxPasswordAge !== undefined ? { MaxPasswordAge: input.MaxPasswordAge } : {}),
      ...(input.PasswordReusePrevention !== undefined ? { PasswordReusePrevention: input.PasswordReusePrevention } : {}),
      ...(input.HardExpiry !== undefined ? { HardExpiry: input.HardExpiry } : {}),
    };
    iamState(ctx.tx, ctx.account).putPasswordPolicy(policy);
    return {};
  },
});
