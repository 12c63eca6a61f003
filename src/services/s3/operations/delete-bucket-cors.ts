// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketCors.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['DeleteBucketCors'];

export const deleteBucketCors = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteBucketCors',
  // "You must have s3:PutBucketCORS permission."
  actions: ['s3:PutBucketCORS'],
  readOnly: false,
  audit: { request: (i) => bucketParams(i, { cors: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:PutBucketCORS', bucket);
    const { cors: _c, ...rest } = bucket;
    writeBucket(ctx.tx, rest);
    return {};
  },
});
