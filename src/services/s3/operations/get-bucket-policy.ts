// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html
import { defineOperation } from '../../../core/operation.js';
import { MESSAGES, NoSuchBucketPolicy } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { bucketParams } from './audit.js';

type Op = Operations['GetBucketPolicy'];

export const getBucketPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'GetBucketPolicy',
  actions: ['s3:GetBucketPolicy'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i, { policy: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:GetBucketPolicy', bucket);
    if (bucket.policy === undefined) throw new NoSuchBucketPolicy(MESSAGES.noSuchBucketPolicy, { BucketName: bucket.name });
    return { Policy: bucket.policy };
  },
});
