// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateUser.html
import { defineOperation } from '../../../core/operation.js';
import { entityArn } from '../arns.js';
import { authorizedEntity } from '../entities.js';
import { entityExists } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { renameUser } from '../renames.js';
import { iamState } from '../state.js';

type Op = Operations['UpdateUser'];

export const updateUser = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateUser',
  actions: ['iam:UpdateUser'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const user = await authorizedEntity(ctx, s, 'user', input.UserName, 'iam:UpdateUser');
    const name = input.NewUserName ?? user.name;
    const path = input.NewPath ?? user.path;
    // "To change a user name, the requester must have appropriate permissions on both the source
    // object and the target object" (API reference).
    if (name !== user.name || path !== user.path) {
      await ctx.authorize({ action: 'iam:UpdateUser', resource: entityArn(ctx.account, 'user', path, name) });
    }
    if (name.toLowerCase() !== user.name.toLowerCase() && (await s.get('user', name)) !== undefined) throw entityExists('user', name);
    await renameUser(ctx.tx, s, user, name, path);
    return {};
  },
});
