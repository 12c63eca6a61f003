// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { bucketParams } from './audit.js';

type Op = Operations['GetBucketVersioning'];

export const getBucketVersioning = defineOperation<Op['input'], Op['output']>({
  name: 'GetBucketVersioning',
  actions: ['s3:GetBucketVersioning'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i, { versioning: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:GetBucketVersioning', bucket);
    return bucket.versioning !== undefined ? { Status: bucket.versioning } : {};
  },
});
