// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetLoginProfile.html
import { defineOperation } from '../../../core/operation.js';
import { accessKeyUserName, authorizedEntity } from '../entities.js';
import { noSuchLoginProfile } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['GetLoginProfile'];

export const getLoginProfile = defineOperation<Op['input'], Op['output']>({
  name: 'GetLoginProfile',
  actions: ['iam:GetLoginProfile'],
  readOnly: true,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const user = await authorizedEntity(ctx, s, 'user', accessKeyUserName(ctx, input.UserName), 'iam:GetLoginProfile');
    const login = await s.get('login-profile', user.name);
    if (login === undefined) throw noSuchLoginProfile(user.name);
    return { LoginProfile: { UserName: user.name, CreateDate: new Date(login.createdMs), PasswordResetRequired: login.resetRequired } };
  },
});
