// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AddTags.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { mergeTags, trailForTagging } from '../tags.js';
import { putTrail } from '../trails.js';

type Op = Operations['AddTags'];

export const addTags = defineOperation<Op['input'], Op['output']>({
  name: 'AddTags',
  actions: ['cloudtrail:AddTags'],
  readOnly: false,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'cloudtrail:AddTags', resource: input.ResourceId });
    const { rec, version } = await trailForTagging(ctx, input.ResourceId);
    putTrail(ctx, { ...rec, tags: mergeTags(rec.tags, input.TagsList) }, version);
    ctx.audit.addResource(rec.arn, 'AWS::CloudTrail::Trail', rec.account);
    return {};
  },
});
