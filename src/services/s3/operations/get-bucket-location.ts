// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { bucketParams } from './audit.js';

type Op = Operations['GetBucketLocation'];

export const getBucketLocation = defineOperation<Op['input'], Op['output']>({
  name: 'GetBucketLocation',
  actions: ['s3:GetBucketLocation'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i, { location: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:GetBucketLocation', bucket);
    // us-east-1 buckets have a null LocationConstraint (an empty element).
    return bucket.region === 'us-east-1' ? {} : { LocationConstraint: bucket.region as NonNullable<Op['output']['LocationConstraint']> };
  },
});
