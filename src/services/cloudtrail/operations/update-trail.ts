// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_UpdateTrail.html
import { defineOperation } from '../../../core/operation.js';
import { checkTrailBucket } from '../bucket-check.js';
import type { Operations } from '../model.gen.js';
import { trailKeyArn } from '../trail-key.js';
import { assertHomeRegion, checkMultiRegion, describeTrail, loadTrail, putTrail, trailArn, type TrailRecord } from '../trails.js';

type Op = Operations['UpdateTrail'];

export const updateTrail = defineOperation<Op['input'], Op['output']>({
  name: 'UpdateTrail',
  actions: ['cloudtrail:UpdateTrail'],
  readOnly: false,
  async handler(input, ctx) {
    const arn = input.Name.startsWith('arn:') ? input.Name : trailArn(ctx.account, ctx.region, input.Name);
    await ctx.authorize({ action: 'cloudtrail:UpdateTrail', resource: arn });
    const { rec, version } = await loadTrail(ctx, input.Name);
    assertHomeRegion(ctx, rec);
    // "Parameters that you don't specify keep their current values." An empty string clears an
    // optional setting (S3KeyPrefix, SnsTopicName, CloudWatch Logs, KmsKeyId).
    const opt = <K extends keyof TrailRecord>(key: K, value: string | undefined): Partial<TrailRecord> =>
      value === undefined ? {} : ({ [key]: value === '' ? undefined : value } as Partial<TrailRecord>);
    const next: TrailRecord = {
      ...rec,
      ...(input.S3BucketName !== undefined ? { s3BucketName: input.S3BucketName } : {}),
      ...opt('s3KeyPrefix', input.S3KeyPrefix),
      ...opt('snsTopicName', input.SnsTopicName),
      ...opt('cloudWatchLogsLogGroupArn', input.CloudWatchLogsLogGroupArn),
      ...opt('cloudWatchLogsRoleArn', input.CloudWatchLogsRoleArn),
      ...opt('kmsKeyId', input.KmsKeyId),
      ...(input.IncludeGlobalServiceEvents !== undefined ? { includeGlobalServiceEvents: input.IncludeGlobalServiceEvents } : {}),
      ...(input.IsMultiRegionTrail !== undefined ? { isMultiRegionTrail: input.IsMultiRegionTrail } : {}),
      ...(input.EnableLogFileValidation !== undefined ? { logFileValidationEnabled: input.EnableLogFileValidation } : {}),
      ...(input.IsOrganizationTrail !== undefined ? { isOrganizationTrail: input.IsOrganizationTrail } : {}),
    };
    // JSON drops the undefined members the spread above left.
    let clean = JSON.parse(JSON.stringify(next)) as TrailRecord;
    checkMultiRegion(clean);
    // A new bucket or prefix is checked as CreateTrail checks it.
    if (input.S3BucketName !== undefined || input.S3KeyPrefix !== undefined) await checkTrailBucket(ctx, clean);
    // So is a new key, and the kept key with a new bucket (its policy may name the bucket). // unverified: that AWS re-checks the kept key
    if (clean.kmsKeyId !== undefined && (input.KmsKeyId !== undefined || input.S3BucketName !== undefined || input.S3KeyPrefix !== undefined)) {
      clean = { ...clean, kmsKeyId: await trailKeyArn(ctx, clean, clean.kmsKeyId) };
    }
    putTrail(ctx, clean, version);
    ctx.audit.addResource(rec.arn, 'AWS::CloudTrail::Trail', rec.account);
    const { HomeRegion: _h, HasCustomEventSelectors: _c, HasInsightSelectors: _i, ...out } = describeTrail(clean);
    return out;
  },
});
