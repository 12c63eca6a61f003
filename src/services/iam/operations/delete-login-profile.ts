// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteLoginProfile.html
import { defineOperation } from '../../../core/operation.js';
import { accessKeyUserName, authorizedEntity } from '../entities.js';
import { noSuchLoginProfile } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['DeleteLoginProfile'];

export const deleteLoginProfile = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteLoginProfile',
  actions: ['iam:DeleteLoginProfile'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const user = await authorizedEntity(ctx, s, 'user', accessKeyUserName(ctx, input.UserName), 'iam:DeleteLoginProfile');
    if ((await s.get('login-profile', user.name)) === undefined) throw noSuchLoginProfile(user.name);
    s.remove('login-profile', user.name);
    return {};
  },
});
