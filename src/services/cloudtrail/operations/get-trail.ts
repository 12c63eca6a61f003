// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrail.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { describeTrail, loadTrail, trailArn } from '../trails.js';

type Op = Operations['GetTrail'];

export const getTrail = defineOperation<Op['input'], Op['output']>({
  name: 'GetTrail',
  actions: ['cloudtrail:GetTrail'],
  readOnly: true,
  async handler(input, ctx) {
    const arn = input.Name.startsWith('arn:') ? input.Name : trailArn(ctx.account, ctx.region, input.Name);
    await ctx.authorize({ action: 'cloudtrail:GetTrail', resource: arn });
    const { rec } = await loadTrail(ctx, input.Name);
    return { Trail: describeTrail(rec) };
  },
});
