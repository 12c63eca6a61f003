// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_ListTrails.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { scanAccountTrails } from '../trails.js';

type Op = Operations['ListTrails'];

export const listTrails = defineOperation<Op['input'], Op['output']>({
  name: 'ListTrails',
  actions: ['cloudtrail:ListTrails'],
  readOnly: true,
  async handler(_input, ctx) {
    await ctx.authorize({ action: 'cloudtrail:ListTrails', resource: '*' });
    // "Lists trails that are in the current account", every Region's. Differs from AWS: one page.
    return { Trails: (await scanAccountTrails(ctx)).map((t) => ({ TrailARN: t.arn, Name: t.name, HomeRegion: t.region })) };
  },
});
