// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { loadTrail, trailArn } from '../trails.js';

type Op = Operations['GetTrailStatus'];

export const getTrailStatus = defineOperation<Op['input'], Op['output']>({
  name: 'GetTrailStatus',
  actions: ['cloudtrail:GetTrailStatus'],
  readOnly: true,
  async handler(input, ctx) {
    const arn = input.Name.startsWith('arn:') ? input.Name : trailArn(ctx.account, ctx.region, input.Name);
    await ctx.authorize({ action: 'cloudtrail:GetTrailStatus', resource: arn });
    const { rec } = await loadTrail(ctx, input.Name);
    // Differs from AWS: nothing is delivered yet, so no delivery times or errors.
    return {
      IsLogging: rec.isLogging,
      ...(rec.startLoggingMs !== undefined ? { StartLoggingTime: new Date(rec.startLoggingMs) } : {}),
      ...(rec.stopLoggingMs !== undefined ? { StopLoggingTime: new Date(rec.stopLoggingMs) } : {}),
    };
  },
});
