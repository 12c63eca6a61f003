// https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_AddTagsToResource.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { putParameterRecord } from '../state.js';
import { mergeTags, requestTagConditions } from '../tags.js';
import { taggedParameter } from '../tagging.js';

type Op = Operations['AddTagsToResource'];

export const addTagsToResource = defineOperation<Op['input'], Op['output']>({
  name: 'AddTagsToResource',
  actions: ['ssm:AddTagsToResource'],
  readOnly: false,
  async handler(input, ctx) {
    const found = await taggedParameter(ctx, input.ResourceType, input.ResourceId, 'ssm:AddTagsToResource', requestTagConditions(input.Tags));
    const tags = mergeTags(found.rec.tags ?? [], input.Tags);
    putParameterRecord(ctx, { ...found.rec, tags }, found.version);
    return {};
  },
});
