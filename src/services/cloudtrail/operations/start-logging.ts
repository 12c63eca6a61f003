// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StartLogging.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { assertHomeRegion, loadTrail, putTrail, trailArn } from '../trails.js';

type Op = Operations['StartLogging'];

export const startLogging = defineOperation<Op['input'], Op['output']>({
  name: 'StartLogging',
  actions: ['cloudtrail:StartLogging'],
  readOnly: false,
  async handler(input, ctx) {
    const arn = input.Name.startsWith('arn:') ? input.Name : trailArn(ctx.account, ctx.region, input.Name);
    await ctx.authorize({ action: 'cloudtrail:StartLogging', resource: arn });
    const { rec, version } = await loadTrail(ctx, input.Name);
    assertHomeRegion(ctx, rec);
    // Already logging: nothing changes (a new start time would skip the events not yet delivered).
    if (!rec.isLogging) {
      // Where the audit log ends now (its last committed record), so delivery need not read
      // through everything before it.
      const [last] = await ctx.tx.queryAudit({ order: 'latest', limit: 1 });
      putTrail(ctx, { ...rec, isLogging: true, startLoggingMs: ctx.clock.now(), startLoggingSeq: last?.seq ?? 0 }, version);
    }
    ctx.audit.addResource(rec.arn, 'AWS::CloudTrail::Trail', rec.account);
    return {};
  },
});
