// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeParameters.html
import { defineOperation } from '../../../core/operation.js';
import { InvalidFilterKey, InvalidFilterOption, InvalidFilterValue } from '../model.gen.js';
import type { Operations, ParameterStringFilter } from '../model.gen.js';
import { page, metadataShape } from '../params.js';
import { scanParameters, type ParameterRecord } from '../state.js';
import { matchesFilter } from './get-parameters-by-path.js';

type Op = Operations['DescribeParameters'];

const KEYS = ['Name', 'Type', 'KeyId', 'Path', 'Label', 'Tier', 'DataType'];

function matchesPath(rec: ParameterRecord, f: ParameterStringFilter): boolean {
  return (f.Values ?? []).some((path) => {
    const prefix = path.endsWith('/') ? path : `${path}/`;
    if (!rec.name.startsWith(prefix)) return false;
    return f.Option === 'Recursive' || !rec.name.slice(prefix.length).includes('/');
  });
}

function check(f: ParameterStringFilter): void {
  // Texts are Warden's. // unverified
  if (!KEYS.includes(f.Key) && !f.Key.startsWith('tag:')) throw new InvalidFilterKey(`The following filter key is not valid: ${f.Key}.`);
  const options = f.Key === 'Path' ? ['Recursive', 'OneLevel'] : f.Key === 'Name' ? ['Equals', 'BeginsWith', 'Contains'] : ['Equals', 'BeginsWith'];
  if (f.Option !== undefined && !options.includes(f.Option)) throw new InvalidFilterOption(`The following filter option is not valid: ${f.Option}. Valid options include: [${options.join(', ')}].`);
  if (f.Key === 'Path' && (f.Values ?? []).some((v) => !v.startsWith('/'))) throw new InvalidFilterValue('The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/".');
}

export const describeParameters = defineOperation<Op['input'], Op['output']>({
  name: 'DescribeParameters',
  actions: ['ssm:DescribeParameters'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'ssm:DescribeParameters', resource: '*' });
    const filters = input.ParameterFilters ?? [];
    filters.forEach(check);
    // The legacy Filters (Name, Type, KeyId): any of the values, Equals. // unverified semantics
    const legacy: ParameterStringFilter[] = (input.Filters ?? []).map((f) => ({ Key: f.Key, Option: 'Equals', Values: f.Values }));
    const all = (await scanParameters(ctx)).filter((r) =>
      [...filters, ...legacy].every((f) => (f.Key === 'Path' ? matchesPath(r, f) : f.Key.startsWith('tag:') ? false : matchesFilter(r, f))),
    );
    const p = page(all, input.MaxResults ?? 50, input.NextToken);
    return { Parameters: p.items.map(metadataShape), ...(p.next !== undefined ? { NextToken: p.next } : {}) };
  },
});
