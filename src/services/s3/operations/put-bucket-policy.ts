// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { isPublic } from '../../../iam/policy/public.js';
import { blockFor } from '../access-control.js';
import { AccessDenied } from '../errors.js';
import { auditBucket, authorizeS3, bucketArn, loadBucket } from '../names.js';
import { validateBucketPolicy } from '../policy.js';
import { writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['PutBucketPolicy'];

export const putBucketPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'PutBucketPolicy',
  actions: ['s3:PutBucketPolicy'],
  readOnly: false,
  audit: { request: (i) => bucketParams(i, { bucketPolicy: i.Policy, policy: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:PutBucketPolicy', bucket);
    validateBucketPolicy(input.Policy, bucket.name);
    // The bucket's setting or its owner account's (S3 Control).
    if (isPublic(input.Policy) && (await blockFor(ctx.tx, bucket)).BlockPublicPolicy) {
      // unverified word for word: S3's explicit-denial text for this setting, as users report it since 2024.
      throw new AccessDenied(`User: ${ctx.principal.arn} is not authorized to perform: s3:PutBucketPolicy on resource: "${bucketArn(bucket.name)}" because public policies are blocked by the BlockPublicPolicy block public access setting.`);
    }
    writeBucket(ctx.tx, { ...bucket, policy: input.Policy });
    return {};
  },
});
