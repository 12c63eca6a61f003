// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParametersByPath.html
import { defineOperation } from '../../../core/operation.js';
import { InvalidFilterKey, InvalidFilterOption, ValidationException } from '../errors.js';
import { KMS_DECRYPT } from '../kms.js';
import type { Operations, ParameterStringFilter } from '../model.gen.js';
import { BAD_NAME, page, parameterShape } from '../params.js';
import { current, parameterArn, scanParameters, type ParameterRecord } from '../state.js';

type Op = Operations['GetParametersByPath'];

/** Keys GetParametersByPath accepts, with Equals/BeginsWith (API reference, ParameterStringFilter). */
const KEYS = ['Type', 'KeyId', 'Label'];

export function checkPathFilters(filters: readonly ParameterStringFilter[]): void {
  for (const f of filters) {
    // Texts are Warden's. // unverified
    if (!KEYS.includes(f.Key)) throw new InvalidFilterKey(`The following filter key is not valid: ${f.Key}. Valid filter keys include: [Type, KeyId, Label].`);
    if (f.Option !== undefined && f.Option !== 'Equals' && f.Option !== 'BeginsWith') {
      throw new InvalidFilterOption(`The following filter option is not valid: ${f.Option}. Valid options include: [BeginsWith, Equals].`);
    }
  }
}

export function matchesFilter(rec: ParameterRecord, f: ParameterStringFilter): boolean {
  const v = current(rec);
  const actual: readonly string[] =
    f.Key === 'Type' ? [v.type]
    : f.Key === 'KeyId' ? (v.keyId !== undefined ? [v.keyId] : [])
    : f.Key === 'Label' ? rec.versions.flatMap((x) => x.labels)
    : f.Key === 'Tier' ? [v.tier]
    : f.Key === 'DataType' ? [v.dataType]
    : f.Key === 'Name' ? [rec.name]
    : [];
  const values = f.Values ?? [];
  if (values.length === 0) return true;
  return values.some((want) => actual.some((a) => (f.Option === 'BeginsWith' ? a.startsWith(want) : f.Option === 'Contains' ? a.includes(want) : a === want)));
}

export const getParametersByPath = defineOperation<Op['input'], Op['output']>({
  name: 'GetParametersByPath',
  actions: ['ssm:GetParametersByPath', KMS_DECRYPT],
  readOnly: true,
  async handler(input, ctx) {
    const path = input.Path;
    await ctx.authorize({ action: 'ssm:GetParametersByPath', resource: parameterArn(ctx.account, ctx.region, path) });
    if (!path.startsWith('/') || !/^[a-zA-Z0-9_.\-/]+$/.test(path)) throw new ValidationException(BAD_NAME); // unverified for paths
    const filters = input.ParameterFilters ?? [];
    checkPathFilters(filters);
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const all = (await scanParameters(ctx, prefix)).filter(
      (r) => (input.Recursive === true || !r.name.slice(prefix.length).includes('/')) && filters.every((f) => matchesFilter(r, f)),
    );
    const p = page(all, input.MaxResults ?? 10, input.NextToken);
    const withDecryption = input.WithDecryption === true;
    const params = [];
    for (const r of p.items) params.push(await parameterShape(ctx, r, current(r), withDecryption));
    return { Parameters: params, ...(p.next !== undefined ? { NextToken: p.next } : {}) };
  },
});
