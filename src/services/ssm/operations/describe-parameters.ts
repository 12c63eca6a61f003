// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeParameters.html
import { defineOperation } from '../../../core/operation.js';
import { checkFilters, legacyFilters, matchesFilter } from '../filters.js';
import { ValidationException } from '../model.gen.js';
import type { Operations } from '../model.gen.js';
import { metadataShape, page } from '../params.js';
import { scanParameters } from '../state.js';

type Op = Operations['DescribeParameters'];

export const describeParameters = defineOperation<Op['input'], Op['output']>({
  name: 'DescribeParameters',
  actions: ['ssm:DescribeParameters'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'ssm:DescribeParameters', resource: '*' });
    const filters = input.ParameterFilters ?? [];
    // unverified text
    if (filters.length > 0 && (input.Filters ?? []).length > 0) throw new ValidationException('You can use either Filters or ParameterFilters in a single request.');
    checkFilters(filters, false);
    const all = [...filters, ...legacyFilters(input.Filters ?? [])];
    // Shared: parameters other accounts share with this one through AWS RAM.
    // Differs from AWS: Warden has no RAM, so nothing is ever shared with an account.
    const records = input.Shared === true ? [] : await scanParameters(ctx);
    const matched = records.filter((r) => all.every((f) => matchesFilter(r, f)));
    const p = page(matched, input.MaxResults ?? 50, input.NextToken);
    return { Parameters: p.items.map(metadataShape), ...(p.next !== undefined ? { NextToken: p.next } : {}) };
  },
});
