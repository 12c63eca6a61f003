// https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteAccountPasswordPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { noPasswordPolicy } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['DeleteAccountPasswordPolicy'];

export const deleteAccountPasswordPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteAccountPasswordPolicy',
  actions: ['iam:DeleteAccountPasswordPolicy'],
  readOnly: false,
  async handler(_input, ctx) {
    await ctx.authorize({ action: 'iam:DeleteAccountPasswordPolicy', resource: '*' });
    const s = iamState(ctx.tx, ctx.account);
    if ((await s.passwordPolicy()) === undefined) throw noPasswordPolicy(ctx.account);
    s.removePasswordPolicy();
    return {};
  },
});
