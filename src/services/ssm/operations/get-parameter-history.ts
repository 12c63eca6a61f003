// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetParameterHistory.html
import { defineOperation } from '../../../core/operation.js';
import { KMS_DECRYPT } from '../kms.js';
import type { Operations, ParameterHistory } from '../model.gen.js';
import { historyShape, loadAuthorized, page } from '../params.js';

type Op = Operations['GetParameterHistory'];

export const getParameterHistory = defineOperation<Op['input'], Op['output']>({
  name: 'GetParameterHistory',
  actions: ['ssm:GetParameterHistory', KMS_DECRYPT],
  readOnly: true,
  async handler(input, ctx) {
    const { found } = await loadAuthorized(ctx, input.Name, 'ssm:GetParameterHistory');
    const rec = found.rec;
    // Oldest version first. // unverified order
    const p = page(rec.versions, input.MaxResults ?? 50, input.NextToken);
    const out: ParameterHistory[] = [];
    for (const v of p.items) out.push(await historyShape(ctx, rec, v, input.WithDecryption === true));
    return { Parameters: out, ...(p.next !== undefined ? { NextToken: p.next } : {}) };
  },
});
