// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketOwnershipControls.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['DeleteBucketOwnershipControls'];

export const deleteBucketOwnershipControls = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteBucketOwnershipControls',
  // "To use this operation, you must have the s3:PutBucketOwnershipControls permission."
  actions: ['s3:PutBucketOwnershipControls'],
  readOnly: false,
  audit: { request: (i) => bucketParams(i, { ownershipControls: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:PutBucketOwnershipControls', bucket);
    const { ownership: _o, ...rest } = bucket;
    writeBucket(ctx.tx, rest);
    return {};
  },
});
