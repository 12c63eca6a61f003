// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_DeleteTrail.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { assertHomeRegion, deleteTrailRecord, deliveryKey, insightsDeliveryKey, loadTrail, trailArn } from '../trails.js';

type Op = Operations['DeleteTrail'];

export const deleteTrail = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteTrail',
  actions: ['cloudtrail:DeleteTrail'],
  readOnly: false,
  async handler(input, ctx) {
    const arn = input.Name.startsWith('arn:') ? input.Name : trailArn(ctx.account, ctx.region, input.Name);
    await ctx.authorize({ action: 'cloudtrail:DeleteTrail', resource: arn });
    const { rec, version } = await loadTrail(ctx, input.Name);
    assertHomeRegion(ctx, rec);
    deleteTrailRecord(ctx, rec, version);
    ctx.tx.delete(deliveryKey(rec));
    ctx.tx.delete(insightsDeliveryKey(rec));
    ctx.audit.addResource(rec.arn, 'AWS::CloudTrail::Trail', rec.account);
    return {};
  },
});
