// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_UntagResource.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { loadAuthorized } from '../secrets.js';
import { putSecret } from '../state.js';

type Op = Operations['UntagResource'];

export const untagResource = defineOperation<Op['input'], Op['output']>({
  name: 'UntagResource',
  actions: ['secretsmanager:UntagResource'],
  readOnly: false,
  async handler(input, ctx) {
    const found = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:UntagResource', { purge: true, extra: { 'aws:TagKeys': [...input.TagKeys] } });
    const drop = new Set(input.TagKeys);
    putSecret(ctx, { ...found.rec, tags: found.rec.tags.filter((t) => !drop.has(t.Key ?? '')) }, found.version);
    return {};
  },
});
