// https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccessKey.html
import { updateUserAccessKey } from '../../../auth/credentials.js';
import { defineOperation } from '../../../core/operation.js';
import { accessKeyUserName, authorizedEntity } from '../entities.js';
import { noSuchAccessKey, ValidationError } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['UpdateAccessKey'];

export const updateAccessKey = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateAccessKey',
  actions: ['iam:UpdateAccessKey'],
  readOnly: false,
  async handler(input, ctx) {
    const user = await authorizedEntity(ctx, iamState(ctx.tx, ctx.account), 'user', accessKeyUserName(ctx, input.UserName), 'iam:UpdateAccessKey');
    if (!user.accessKeys.includes(input.AccessKeyId)) throw noSuchAccessKey(input.AccessKeyId);
    // The model's statusType also lists Expired, which only AWS sets. // unverified text
    if (input.Status === 'Expired') throw new ValidationError('Status Expired is not valid for UpdateAccessKey.');
    await updateUserAccessKey(ctx.tx, input.AccessKeyId, { status: input.Status });
    return {};
  },
});
