// https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAccountAliases.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { pageFields, paginate } from '../paging.js';
import { iamState } from '../state.js';

type Op = Operations['ListAccountAliases'];

export const listAccountAliases = defineOperation<Op['input'], Op['output']>({
  name: 'ListAccountAliases',
  actions: ['iam:ListAccountAliases'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'iam:ListAccountAliases', resource: '*' });
    const current = await iamState(ctx.tx, ctx.account).alias();
    const page = paginate(current === undefined ? [] : [current.alias], (a) => a, input);
    return { AccountAliases: page.items, ...pageFields(page) };
  },
});
