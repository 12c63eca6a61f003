// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html
import { defineOperation } from '../../../core/operation.js';
import { isoSeconds } from '../../../audit/trail-files.js';
import { readDeliveryState } from '../delivery.js';
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
    const d = await readDeliveryState(ctx.tx, rec);
    // The string members (TimeLoggingStarted, LatestDeliveryAttemptTime, …) are the same times
    // as text. // unverified: their exact form in AWS's answers (ISO 8601, second precision here).
    const at = (ms: number | undefined) => (ms !== undefined ? new Date(ms) : undefined);
    const text = (ms: number | undefined) => (ms !== undefined ? isoSeconds(ms) : undefined);
    const out = {
      IsLogging: rec.isLogging,
      LatestDeliveryError: d?.latestDeliveryError,
      LatestDeliveryTime: at(d?.latestDeliveryMs),
      LatestDigestDeliveryTime: at(d?.latestDigestDeliveryMs),
      LatestDigestDeliveryError: d?.latestDigestDeliveryError,
      StartLoggingTime: at(rec.startLoggingMs),
      StopLoggingTime: at(rec.stopLoggingMs),
      LatestDeliveryAttemptTime: text(d?.latestAttemptMs),
      LatestDeliveryAttemptSucceeded: d?.latestDeliveryError === undefined ? text(d?.latestDeliveryMs) : undefined,
      TimeLoggingStarted: text(rec.startLoggingMs),
      TimeLoggingStopped: text(rec.stopLoggingMs),
    };
    // Differs from AWS: no SNS notifications or CloudWatch Logs delivery, so none of their members.
    return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as Op['output'];
  },
});
