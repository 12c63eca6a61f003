// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_StopLogging.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { assertHomeRegion, loadTrail, putTrail, trailArn } from '../trails.js';

type Op = Operations['StopLogging'];

export const stopLogging = defineOperation<Op['input'], Op['output']>({
  name: 'StopLogging',
  actions: ['cloudtrail:StopLogging'],
  readOnly: false,
  async handler(input, ctx) {
    const arn = input.Name.startsWith('arn:') ? input.Name : trailArn(ctx.account, ctx.region, input.Name);
    await ctx.authorize({ action: 'cloudtrail:StopLogging', resource: arn });
    const { rec, version } = await loadTrail(ctx, input.Name);
    assertHomeRegion(ctx, rec);
    putTrail(ctx, { ...rec, isLogging: false, stopLoggingMs: ctx.clock.now() }, version);
    ctx.audit.addResource(rec.arn, 'AWS::CloudTrail::Trail', rec.account);
    return {};
  },
});
