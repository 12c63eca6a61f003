// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetInsightSelectors.html
import { defineOperation } from '../../../core/operation.js';
import { InsightNotEnabledException, InvalidParameterCombinationException } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { loadTrail, trailArn } from '../trails.js';

type Op = Operations['GetInsightSelectors'];

export const getInsightSelectors = defineOperation<Op['input'], Op['output']>({
  name: 'GetInsightSelectors',
  actions: ['cloudtrail:GetInsightSelectors'],
  readOnly: true,
  async handler(input, ctx) {
    // unverified: message text.
    if (input.TrailName === undefined || input.EventDataStore !== undefined) {
      throw new InvalidParameterCombinationException('Specify TrailName; Warden serves Insights selectors for trails only.');
    }
    const arn = input.TrailName.startsWith('arn:') ? input.TrailName : trailArn(ctx.account, ctx.region, input.TrailName);
    await ctx.authorize({ action: 'cloudtrail:GetInsightSelectors', resource: arn });
    const { rec } = await loadTrail(ctx, input.TrailName);
    // "If you run GetInsightSelectors on a trail … that does not have Insights events enabled,
    // the operation throws the exception InsightNotEnabledException"; the message as the CLI shows
    // it (insights-events-CLI-enable.html).
    if ((rec.insightSelectors?.length ?? 0) === 0) {
      throw new InsightNotEnabledException(`Trail ${rec.arn} does not have Insights enabled. Edit the trail settings to enable Insights, and then try the operation again.`);
    }
    return { TrailARN: rec.arn, InsightSelectors: [...rec.insightSelectors!] };
  },
});
