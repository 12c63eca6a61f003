// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeletePublicAccessBlock.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['DeletePublicAccessBlock'];

export const deletePublicAccessBlock = defineOperation<Op['input'], Op['output']>({
  name: 'DeletePublicAccessBlock',
  eventName: 'DeleteBucketPublicAccessBlock',
  // "To use this operation, you must have the s3:PutBucketPublicAccessBlock permission."
  actions: ['s3:PutBucketPublicAccessBlock'],
  readOnly: false,
  audit: { request: (i) => bucketParams(i, { publicAccessBlock: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:PutBucketPublicAccessBlock', bucket);
    const { publicAccessBlock: _p, ...rest } = bucket;
    writeBucket(ctx.tx, rest);
    return {};
  },
});
