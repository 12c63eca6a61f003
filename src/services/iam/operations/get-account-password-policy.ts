// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountPasswordPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { noPasswordPolicy } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['GetAccountPasswordPolicy'];

export const getAccountPasswordPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'GetAccountPasswordPolicy',
  actions: ['iam:GetAccountPasswordPolicy'],
  readOnly: true,
  async handler(_input, ctx) {
    await ctx.authorize({ action: 'iam:GetAccountPasswordPolicy', resource: '*' });
    const rec = await iamState(ctx.tx, ctx.account).passwordPolicy();
    if (rec === undefined) throw noPasswordPolicy(ctx.account);
    return { PasswordPolicy: rec.policy };
  },
});
