// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_ListTrails.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { scanTrails } from '../trails.js';

type Op = Operations['ListTrails'];

export const listTrails = defineOperation<Op['input'], Op['output']>({
  name: 'ListTrails',
  actions: ['cloudtrail:ListTrails'],
  readOnly: true,
  async handler(_input, ctx) {
    await ctx.authorize({ action: 'cloudtrail:ListTrails', resource: '*' });
    // Differs from AWS: only the trails of the caller's Region (AWS lists every Region's). One page.
    return { Trails: (await scanTrails(ctx)).map((t) => ({ TrailARN: t.arn, Name: t.name, HomeRegion: t.region })) };
  },
});
