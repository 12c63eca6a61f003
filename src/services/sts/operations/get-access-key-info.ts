// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetAccessKeyInfo.html
import { accountOfAccessKey } from '../../../auth/credentials.js';
import { defineOperation } from '../../../core/operation.js';
import { ValidationError } from '../errors.js';
import type { Operations } from '../model.gen.js';

type Op = Operations['GetAccessKeyInfo'];

export const getAccessKeyInfo = defineOperation<Op['input'], Op['output']>({
  name: 'GetAccessKeyInfo',
  actions: ['sts:GetAccessKeyInfo'],
  readOnly: true,
  async handler(input, ctx) {
    // The Service Authorization Reference lists sts:GetAccessKeyInfo with no resource type.
    await ctx.authorize({ action: 'sts:GetAccessKeyInfo', resource: '*' });
    const account = await accountOfAccessKey(ctx.tx, input.AccessKeyId);
    // AWS answers for any key id ("This operation does not indicate the state of the access key"):
    // the account is encoded in the id. An id that encodes none gets an error.
    // unverified: the code and text AWS returns for an id that is not an access key id.
    if (account === undefined) throw new ValidationError(`The specified access key ID is not valid: ${input.AccessKeyId}`);
    return { Account: account };
  },
});
