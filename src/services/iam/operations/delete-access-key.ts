// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteAccessKey.html
import { deleteUserAccessKey } from '../../../auth/credentials.js';
import { defineOperation } from '../../../core/operation.js';
import { accessKeyUserName, authorizedEntity } from '../entities.js';
import { noSuchAccessKey } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['DeleteAccessKey'];

export const deleteAccessKey = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteAccessKey',
  actions: ['iam:DeleteAccessKey'],
  readOnly: false,
  async handler(input, ctx) {
    const s = iamState(ctx.tx, ctx.account);
    const user = await authorizedEntity(ctx, s, 'user', accessKeyUserName(ctx, input.UserName), 'iam:DeleteAccessKey');
    if (!user.accessKeys.includes(input.AccessKeyId)) throw noSuchAccessKey(input.AccessKeyId);
    // The key stops working at once; its id stays known as deleted (auth/credentials.ts).
    await deleteUserAccessKey(ctx.tx, input.AccessKeyId);
    s.put('user', { ...user, accessKeys: user.accessKeys.filter((k) => k !== input.AccessKeyId) });
    return {};
  },
});
