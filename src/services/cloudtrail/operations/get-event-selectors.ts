// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetEventSelectors.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { DEFAULT_EVENT_SELECTORS } from '../selectors.js';
import { loadTrail, trailArn } from '../trails.js';

type Op = Operations['GetEventSelectors'];

export const getEventSelectors = defineOperation<Op['input'], Op['output']>({
  name: 'GetEventSelectors',
  actions: ['cloudtrail:GetEventSelectors'],
  readOnly: true,
  async handler(input, ctx) {
    const arn = input.TrailName.startsWith('arn:') ? input.TrailName : trailArn(ctx.account, ctx.region, input.TrailName);
    await ctx.authorize({ action: 'cloudtrail:GetEventSelectors', resource: arn });
    const { rec } = await loadTrail(ctx, input.TrailName);
    if (rec.advancedEventSelectors !== undefined) return { TrailARN: rec.arn, AdvancedEventSelectors: [...rec.advancedEventSelectors] };
    return { TrailARN: rec.arn, EventSelectors: [...(rec.eventSelectors ?? DEFAULT_EVENT_SELECTORS)] };
  },
});
