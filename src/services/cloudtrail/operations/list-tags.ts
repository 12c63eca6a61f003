// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_ListTags.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { trailForTagging } from '../tags.js';

type Op = Operations['ListTags'];

export const listTags = defineOperation<Op['input'], Op['output']>({
  name: 'ListTags',
  actions: ['cloudtrail:ListTags'],
  readOnly: true,
  async handler(input, ctx) {
    for (const id of input.ResourceIdList) await ctx.authorize({ action: 'cloudtrail:ListTags', resource: id });
    const out = [];
    for (const id of input.ResourceIdList) {
      const { rec } = await trailForTagging(ctx, id);
      out.push({ ResourceId: rec.arn, TagsList: [...rec.tags] });
    }
    return { ResourceTagList: out };
  },
});
