// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['DeleteBucketPolicy'];

export const deleteBucketPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteBucketPolicy',
  actions: ['s3:DeleteBucketPolicy'],
  readOnly: false,
  audit: { request: (i) => bucketParams(i, { policy: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:DeleteBucketPolicy', bucket);
    const { policy: _p, ...rest } = bucket;
    writeBucket(ctx.tx, rest);
    return {};
  },
});
