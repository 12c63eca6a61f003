// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_RemoveTagsFromResource.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { putParameterRecord } from '../state.js';
import { removeTags } from '../tags.js';
import { taggedParameter } from '../tagging.js';

type Op = Operations['RemoveTagsFromResource'];

export const removeTagsFromResource = defineOperation<Op['input'], Op['output']>({
  name: 'RemoveTagsFromResource',
  actions: ['ssm:RemoveTagsFromResource'],
  readOnly: false,
  async handler(input, ctx) {
    const found = await taggedParameter(ctx, input.ResourceType, input.ResourceId, 'ssm:RemoveTagsFromResource', { 'aws:TagKeys': input.TagKeys });
    const tags = removeTags(found.rec.tags ?? [], input.TagKeys);
    if (tags.length !== (found.rec.tags ?? []).length) putParameterRecord(ctx, { ...found.rec, tags }, found.version);
    return {};
  },
});
