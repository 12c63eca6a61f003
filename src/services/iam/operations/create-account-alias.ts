// https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccountAlias.html
import { defineOperation } from '../../../core/operation.js';
import { aliasExists } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['CreateAccountAlias'];

export const createAccountAlias = defineOperation<Op['input'], Op['output']>({
  name: 'CreateAccountAlias',
  actions: ['iam:CreateAccountAlias'],
  readOnly: false,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'iam:CreateAccountAlias', resource: '*' });
    const s = iamState(ctx.tx, ctx.account);
    const owner = await s.aliasOwner(input.AccountAlias);
    // "The account alias must be unique across all Amazon Web Services products" (IAM UG, console_account-alias).
    if (owner !== undefined && owner !== ctx.account) throw aliasExists(input.AccountAlias);
    const current = await s.alias();
    if (current?.alias === input.AccountAlias) return {};
    // "If you create a new alias for your AWS account, the new alias overwrites the previous alias" (same page).
    if (current !== undefined) s.removeAlias(current.alias);
    s.putAlias(input.AccountAlias, ctx.clock.now());
    return {};
  },
});
