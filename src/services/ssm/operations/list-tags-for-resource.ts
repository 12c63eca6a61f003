// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_ListTagsForResource.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { taggedParameter } from '../tagging.js';

type Op = Operations['ListTagsForResource'];

export const listTagsForResource = defineOperation<Op['input'], Op['output']>({
  name: 'ListTagsForResource',
  actions: ['ssm:ListTagsForResource'],
  readOnly: true,
  async handler(input, ctx) {
    const found = await taggedParameter(ctx, input.ResourceType, input.ResourceId, 'ssm:ListTagsForResource');
    return { TagList: (found.rec.tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })) };
  },
});
