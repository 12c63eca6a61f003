// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_CreateTrail.html
import { defineOperation } from '../../../core/operation.js';
import { checkTrailBucket } from '../bucket-check.js';
import { TrailAlreadyExistsException } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { mergeTags } from '../tags.js';
import { trailKeyArn } from '../trail-key.js';
import { CODEC_VERSION, checkMultiRegion, checkTrailName, describeTrail, putTrail, trailArn, trailExists, type TrailRecord } from '../trails.js';

type Op = Operations['CreateTrail'];

export const createTrail = defineOperation<Op['input'], Op['output']>({
  name: 'CreateTrail',
  actions: ['cloudtrail:CreateTrail', 'cloudtrail:AddTags'],
  readOnly: false,
  async handler(input, ctx) {
    checkTrailName(input.Name);
    const arn = trailArn(ctx.account, ctx.region, input.Name);
    await ctx.authorize({ action: 'cloudtrail:CreateTrail', resource: arn });
    if (input.TagsList !== undefined && input.TagsList.length > 0) await ctx.authorize({ action: 'cloudtrail:AddTags', resource: arn });
    // Text from a public SDK-mock fixture of AWS's answer. // unverified
    if (await trailExists(ctx, input.Name)) throw new TrailAlreadyExistsException(`Trail ${input.Name} already exists for customer: ${ctx.account}`);
    // Differs from AWS: SNS and CloudWatch Logs settings are recorded unchecked.
    let rec: TrailRecord = {
      v: CODEC_VERSION,
      name: input.Name,
      arn,
      account: ctx.account,
      region: ctx.region,
      s3BucketName: input.S3BucketName,
      ...(input.S3KeyPrefix !== undefined ? { s3KeyPrefix: input.S3KeyPrefix } : {}),
      ...(input.SnsTopicName !== undefined ? { snsTopicName: input.SnsTopicName } : {}),
      includeGlobalServiceEvents: input.IncludeGlobalServiceEvents ?? true,
      isMultiRegionTrail: input.IsMultiRegionTrail ?? false,
      logFileValidationEnabled: input.EnableLogFileValidation ?? false,
      ...(input.CloudWatchLogsLogGroupArn !== undefined ? { cloudWatchLogsLogGroupArn: input.CloudWatchLogsLogGroupArn } : {}),
      ...(input.CloudWatchLogsRoleArn !== undefined ? { cloudWatchLogsRoleArn: input.CloudWatchLogsRoleArn } : {}),
      isOrganizationTrail: input.IsOrganizationTrail ?? false,
      tags: mergeTags([], input.TagsList ?? []),
      isLogging: false,
    };
    checkMultiRegion(rec);
    await checkTrailBucket(ctx, rec);
    if (input.KmsKeyId !== undefined) rec = { ...rec, kmsKeyId: await trailKeyArn(ctx, rec, input.KmsKeyId) };
    putTrail(ctx, rec, 0);
    ctx.audit.addResource(arn, 'AWS::CloudTrail::Trail', ctx.account);
    const { HomeRegion: _h, HasCustomEventSelectors: _c, HasInsightSelectors: _i, ...out } = describeTrail(rec);
    return out;
  },
});
