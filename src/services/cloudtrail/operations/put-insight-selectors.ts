// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutInsightSelectors.html
import { defineOperation } from '../../../core/operation.js';
import { InvalidParameterCombinationException } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { validateInsightSelectors } from '../selectors.js';
import { assertHomeRegion, loadTrail, putTrail, trailArn } from '../trails.js';

type Op = Operations['PutInsightSelectors'];

export const putInsightSelectors = defineOperation<Op['input'], Op['output']>({
  name: 'PutInsightSelectors',
  actions: ['cloudtrail:PutInsightSelectors'],
  readOnly: false,
  async handler(input, ctx) {
    // Differs from AWS: Insights on event data stores (EventDataStore, InsightsDestination) are
    // not served; a trail name is required. // unverified: message text.
    if (input.TrailName === undefined || input.EventDataStore !== undefined || input.InsightsDestination !== undefined) {
      throw new InvalidParameterCombinationException('Specify TrailName; Warden serves Insights selectors for trails only.');
    }
    const arn = input.TrailName.startsWith('arn:') ? input.TrailName : trailArn(ctx.account, ctx.region, input.TrailName);
    await ctx.authorize({ action: 'cloudtrail:PutInsightSelectors', resource: arn });
    const { rec, version } = await loadTrail(ctx, input.TrailName);
    assertHomeRegion(ctx, rec);
    validateInsightSelectors(input.InsightSelectors);
    // An empty list turns Insights off. Insights events come from the insights job (insights.ts).
    putTrail(ctx, { ...rec, insightSelectors: input.InsightSelectors }, version);
    ctx.audit.addResource(rec.arn, 'AWS::CloudTrail::Trail', rec.account);
    return { TrailARN: rec.arn, InsightSelectors: [...input.InsightSelectors] };
  },
});
