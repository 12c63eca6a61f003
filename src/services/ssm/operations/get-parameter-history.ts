// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameterHistory.html
import { defineOperation, type Ctx } from '../../../core/operation.js';
import { publicArn, publicName, publicParameter } from '../public.js';
import { KMS_DECRYPT } from '../kms.js';
import type { Operations, ParameterHistory } from '../model.gen.js';
import { historyShape, loadAuthorized, notFound, page } from '../params.js';

type Op = Operations['GetParameterHistory'];

/** A public parameter's history: its one version (public.ts keeps no older ones). */
async function publicHistory(ctx: Ctx, name: string, input: Op['input']): Promise<Op['output']> {
  await ctx.authorize({ action: 'ssm:GetParameterHistory', resource: publicArn(ctx.region, name) });
  const p = publicParameter(ctx.region, name);
  if (p === undefined) throw notFound();
  const entry: ParameterHistory = { Name: p.Name!, Type: p.Type!, LastModifiedDate: p.LastModifiedDate!, Value: p.Value!, Version: 1, Labels: [], Tier: 'Standard', Policies: [], DataType: 'text' };
  const page1 = page([entry], input.MaxResults ?? 50, input.NextToken);
  return { Parameters: page1.items, ...(page1.next !== undefined ? { NextToken: page1.next } : {}) };
}

export const getParameterHistory = defineOperation<Op['input'], Op['output']>({
  name: 'GetParameterHistory',
  actions: ['ssm:GetParameterHistory', KMS_DECRYPT],
  readOnly: true,
  async handler(input, ctx) {
    const pub = publicName(input.Name);
    if (pub !== undefined) return publicHistory(ctx, pub, input);
    const { found } = await loadAuthorized(ctx, input.Name, 'ssm:GetParameterHistory');
    const rec = found.rec;
    // Oldest version first. // unverified order
    const p = page(rec.versions, input.MaxResults ?? 50, input.NextToken);
    const out: ParameterHistory[] = [];
    for (const v of p.items) out.push(await historyShape(ctx, rec, v, input.WithDecryption === true));
    return { Parameters: out, ...(p.next !== undefined ? { NextToken: p.next } : {}) };
  },
});
