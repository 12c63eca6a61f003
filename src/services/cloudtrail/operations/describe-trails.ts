// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DescribeTrails.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { describeTrail, scanTrails } from '../trails.js';

type Op = Operations['DescribeTrails'];

export const describeTrails = defineOperation<Op['input'], Op['output']>({
  name: 'DescribeTrails',
  actions: ['cloudtrail:DescribeTrails'],
  readOnly: true,
  async handler(input, ctx) {
    await ctx.authorize({ action: 'cloudtrail:DescribeTrails', resource: '*' });
    const wanted = input.trailNameList;
    // An empty or absent list means every trail of the Region; unknown names are left out.
    const all = (await scanTrails(ctx)).filter((t) => wanted === undefined || wanted.length === 0 || wanted.includes(t.name) || wanted.includes(t.arn));
    return { trailList: all.map(describeTrail) };
  },
});
