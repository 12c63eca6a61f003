// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParametersByPath.html
import { defineOperation, type Ctx } from '../../../core/operation.js';
import { publicArn, publicName, publicNamesUnder, publicParameter } from '../public.js';
import { ValidationException } from '../errors.js';
import { checkFilters, matchesFilter, versionFor } from '../filters.js';
import { KMS_DECRYPT } from '../kms.js';
import type { Operations } from '../model.gen.js';
import { page, parameterShape, trimName } from '../params.js';
import { parameterArn, scanParameters } from '../state.js';

type Op = Operations['GetParametersByPath'];

// AWS's text as a user reported it (aws-samples/resource-autotagger#1), backslashes included.
export const BAD_PATH =
  'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". It can\'t be prefixed with \\"aws\\" or \\"ssm\\" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "/". Valid example: /get/parameters2-/by1./path0_.';

/** AWS's public parameters under /aws/service/ (public.ts), in every account. */
async function publicByPath(ctx: Ctx, input: Op['input']): Promise<Op['output']> {
  const path = publicName(input.Path)!;
  await ctx.authorize({ action: 'ssm:GetParametersByPath', resource: publicArn(ctx.region, path) });
  const filters = input.ParameterFilters ?? [];
  checkFilters(filters, true);
  // Public parameters are String, with no key and no label: only Type=String filters match.
  const names = filters.length === 0 || filters.every((f) => f.Key === 'Type' && (f.Values ?? []).some((v) => (f.Option === 'BeginsWith' ? 'String'.startsWith(v) : v === 'String')))
    ? publicNamesUnder(path, input.Recursive === true)
    : [];
  const p = page(names, input.MaxResults ?? 10, input.NextToken);
  return { Parameters: p.items.map((n) => publicParameter(ctx.region, n)!), ...(p.next !== undefined ? { NextToken: p.next } : {}) };
}

export const getParametersByPath = defineOperation<Op['input'], Op['output']>({
  name: 'GetParametersByPath',
  actions: ['ssm:GetParametersByPath', KMS_DECRYPT],
  readOnly: true,
  async handler(input, ctx) {
    const path = trimName(input.Path);
    if (publicName(path) !== undefined) return publicByPath(ctx, input);
    await ctx.authorize({ action: 'ssm:GetParametersByPath', resource: parameterArn(ctx.account, ctx.region, path) });
    if (!path.startsWith('/') || !/^[a-zA-Z0-9_.\-/]+$/.test(path)) throw new ValidationException(BAD_PATH);
    const filters = input.ParameterFilters ?? [];
    checkFilters(filters, true);
    const prefix = path.endsWith('/') ? path : `${path}/`;
    const all = (await scanParameters(ctx, prefix)).filter(
      (r) => (input.Recursive === true || !r.name.slice(prefix.length).includes('/')) && filters.every((f) => matchesFilter(r, f)),
    );
    const p = page(all, input.MaxResults ?? 10, input.NextToken);
    const withDecryption = input.WithDecryption === true;
    const params = [];
    for (const r of p.items) params.push(await parameterShape(ctx, r, versionFor(r, filters), withDecryption));
    return { Parameters: params, ...(p.next !== undefined ? { NextToken: p.next } : {}) };
  },
});
