/**
 * CreateTrail and UpdateTrail refuse a bucket CloudTrail could not deliver into, as AWS does:
 * the bucket must exist, and its policy must let cloudtrail.amazonaws.com (with the trail's
 * aws:SourceArn/aws:SourceAccount) do s3:GetBucketAcl on it and s3:PutObject on
 * `[prefix/]AWSLogs/<account>/*`
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html).
 * The check is Warden's S3, installed by the registry (sink.ts).
 */
import type { Ctx } from '../../core/operation.js';
import { trailServiceCall } from './delivery.js';
import { InsufficientS3BucketPolicyException, S3BucketDoesNotExistException } from './errors.js';
import { trailBucketCheck } from './sink.js';
import type { TrailRecord } from './trails.js';

/** The object keys a trail writes under, as the policy must allow them. */
export const trailKeyPattern = (rec: Pick<TrailRecord, 's3KeyPrefix' | 'account'>): string =>
  `${rec.s3KeyPrefix ? `${rec.s3KeyPrefix}/` : ''}AWSLogs/${rec.account}/*`;

// Differs from AWS: the policy is evaluated for the literal key pattern `[prefix/]AWSLogs/<acct>/*`
// (AWS's exact test is not documented); an organization trail's `AWSLogs/<org id>/*` keys and an
// SSE-KMS default encryption (whose deliveries then fail) are not checked.
export async function checkTrailBucket(ctx: Pick<Ctx, 'tx'>, rec: Pick<TrailRecord, 's3BucketName' | 's3KeyPrefix' | 'account' | 'arn'>): Promise<void> {
  const check = trailBucketCheck();
  if (check === undefined) return;
  const r = await check(ctx.tx, rec.s3BucketName, trailKeyPattern(rec), trailServiceCall(rec));
  if (r === undefined) return;
  // unverified: AWS's text for a missing bucket was not found in any public source.
  if (r.refused === 'NoSuchBucket') throw new S3BucketDoesNotExistException(`S3 bucket does not exist: ${rec.s3BucketName}`);
  // AWS's text as reported in public issues (awsdocs/aws-cloudtrail-user-guide#24, boto/boto3#1766).
  throw new InsufficientS3BucketPolicyException(`Incorrect S3 bucket policy is detected for bucket: ${rec.s3BucketName}`);
}
