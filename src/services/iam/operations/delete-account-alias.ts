// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteAccountAlias.html
import { defineOperation } from '../../../core/operation.js';
import { noSuchAlias } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['DeleteAccountAlias'];

export const deleteAccountAlias = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteAccountAlias',
  actions: ['iam:DeleteAccountAlias'],
  readOnly: false,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'iam:DeleteAccountAlias', resource: '*' });
    const s = iamState(ctx.tx, ctx.account);
    const current = await s.alias();
    if (current?.alias !== input.AccountAlias) throw noSuchAlias(input.AccountAlias);
    s.removeAlias(current.alias);
    return {};
  },
});
