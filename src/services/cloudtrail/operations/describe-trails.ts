// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DescribeTrails.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { describeTrail, regionTrails } from '../trails.js';

type Op = Operations['DescribeTrails'];

export const describeTrails = defineOperation<Op['input'], Op['output']>({
  name: 'DescribeTrails',
  actions: ['cloudtrail:DescribeTrails'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'cloudtrail:DescribeTrails', resource: '*' });
    const wanted = input.trailNameList;
    // An empty or absent list means every trail of the Region — with the multi-Region trails of
    // other home Regions unless includeShadowTrails is false; unknown names are left out.
    const all = (await regionTrails(ctx, input.includeShadowTrails ?? true)).filter(
      (t) => wanted === undefined || wanted.length === 0 || wanted.includes(t.arn) || (wanted.includes(t.name) && (t.region === ctx.region || t.isMultiRegionTrail)),
    );
    return { trailList: all.map(describeTrail) };
  },
});
