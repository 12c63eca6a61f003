// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_RemoveTags.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { trailForTagging } from '../tags.js';
import { putTrail } from '../trails.js';

type Op = Operations['RemoveTags'];

export const removeTags = defineOperation<Op['input'], Op['output']>({
  name: 'RemoveTags',
  actions: ['cloudtrail:RemoveTags'],
  readOnly: false,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'cloudtrail:RemoveTags', resource: input.ResourceId });
    const { rec, version } = await trailForTagging(ctx, input.ResourceId);
    // A tag is removed by key; a given Value must match too. // unverified
    const gone = (t: { Key: string; Value?: string }) => input.TagsList.some((r) => r.Key === t.Key && (r.Value === undefined || r.Value === t.Value));
    putTrail(ctx, { ...rec, tags: rec.tags.filter((t) => !gone(t)) }, version);
    ctx.audit.addResource(rec.arn, 'AWS::CloudTrail::Trail', rec.account);
    return {};
  },
});
