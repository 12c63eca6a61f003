// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutEventSelectors.html
import { defineOperation } from '../../../core/operation.js';
import { InvalidEventSelectorsException } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { validateAdvancedEventSelectors, validateEventSelectors } from '../selectors.js';
import { assertHomeRegion, loadTrail, putTrail, trailArn, type TrailRecord } from '../trails.js';

type Op = Operations['PutEventSelectors'];

export const putEventSelectors = defineOperation<Op['input'], Op['output']>({
  name: 'PutEventSelectors',
  actions: ['cloudtrail:PutEventSelectors'],
  readOnly: false,
  async handler(input, ctx) {
    const arn = input.TrailName.startsWith('arn:') ? input.TrailName : trailArn(ctx.account, ctx.region, input.TrailName);
    await ctx.authorize({ action: 'cloudtrail:PutEventSelectors', resource: arn });
    // "You can use either AdvancedEventSelectors or EventSelectors, but not both." (API reference;
    // the operation's modeled errors offer InvalidEventSelectorsException, "the combination of
    // event selectors or advanced event selectors … is not valid"). // unverified: message text.
    if ((input.EventSelectors === undefined) === (input.AdvancedEventSelectors === undefined)) {
      throw new InvalidEventSelectorsException('Specify either EventSelectors or AdvancedEventSelectors, but not both.');
    }
    const { rec, version } = await loadTrail(ctx, input.TrailName);
    assertHomeRegion(ctx, rec);
    let next: TrailRecord;
    if (input.EventSelectors !== undefined) {
      validateEventSelectors(input.EventSelectors);
      // Members AWS fills in when omitted, as GetEventSelectors shows them.
      const selectors = input.EventSelectors.map((s) => ({
        ReadWriteType: s.ReadWriteType ?? 'All',
        IncludeManagementEvents: s.IncludeManagementEvents ?? true,
        DataResources: s.DataResources ?? [],
        ExcludeManagementEventSources: s.ExcludeManagementEventSources ?? [],
      }));
      const { advancedEventSelectors: _a, ...rest } = rec;
      next = { ...rest, eventSelectors: selectors };
    } else {
      validateAdvancedEventSelectors(input.AdvancedEventSelectors!);
      const { eventSelectors: _e, ...rest } = rec;
      next = { ...rest, advancedEventSelectors: input.AdvancedEventSelectors! };
    }
    putTrail(ctx, next, version);
    ctx.audit.addResource(rec.arn, 'AWS::CloudTrail::Trail', rec.account);
    return {
      TrailARN: rec.arn,
      ...(next.eventSelectors !== undefined ? { EventSelectors: [...next.eventSelectors] } : {}),
      ...(next.advancedEventSelectors !== undefined ? { AdvancedEventSelectors: [...next.advancedEventSelectors] } : {}),
    };
  },
});
