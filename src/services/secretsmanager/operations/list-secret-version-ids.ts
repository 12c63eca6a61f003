// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_ListSecretVersionIds.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { page } from '../paging.js';
import { loadAuthorized, versionEntry } from '../secrets.js';

type Op = Operations['ListSecretVersionIds'];

export const listSecretVersionIds = defineOperation<Op['input'], Op['output']>({
  name: 'ListSecretVersionIds',
  actions: ['secretsmanager:ListSecretVersionIds'],
  readOnly: true,
  async handler(input, ctx) {
    const { rec } = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:ListSecretVersionIds');
    const versions = rec.versions.filter((v) => input.IncludeDeprecated === true || v.stages.length > 0);
    const p = page(versions, input.MaxResults, input.NextToken);
    return { Versions: p.items.map(versionEntry), ARN: rec.arn, Name: rec.name, ...(p.next !== undefined ? { NextToken: p.next } : {}) };
  },
});
