// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketTagging.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['DeleteBucketTagging'];

export const deleteBucketTagging = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteBucketTagging',
  // Authorized by s3:PutBucketTagging (API reference, Permissions).
  actions: ['s3:PutBucketTagging'],
  readOnly: false,
  audit: { request: (i) => bucketParams(i, { tagging: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:PutBucketTagging', bucket);
    const { tags: _t, ...rest } = bucket;
    writeBucket(ctx.tx, rest);
    return {};
  },
});
