// https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_TagResource.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { loadAuthorized } from '../secrets.js';
import { putSecret } from '../state.js';
import { checkTags, mergeTags, requestTagConditions } from '../tags.js';

type Op = Operations['TagResource'];

export const tagResource = defineOperation<Op['input'], Op['output']>({
  name: 'TagResource',
  actions: ['secretsmanager:TagResource'],
  readOnly: false,
  async handler(input, ctx) {
    const add = checkTags(input.Tags);
    const found = await loadAuthorized(ctx, input.SecretId, 'secretsmanager:TagResource', { purge: true, extra: requestTagConditions(add) });
    putSecret(ctx, { ...found.rec, tags: mergeTags(found.rec.tags, add) }, found.version);
    return {};
  },
});
