// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html
import { defineOperation } from '../../../core/operation.js';
import { BucketNotEmpty, MESSAGES } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { bucketIsEmpty, bucketPath } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['DeleteBucket'];

export const deleteBucket = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteBucket',
  actions: ['s3:DeleteBucket'],
  readOnly: false,
  audit: { request: (i) => bucketParams(i) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:DeleteBucket', bucket);
    if (!(await bucketIsEmpty(ctx.tx, bucket.name))) throw new BucketNotEmpty(MESSAGES.bucketNotEmpty, { BucketName: bucket.name });
    ctx.tx.delete(bucketPath(bucket.name));
    return {};
  },
});
