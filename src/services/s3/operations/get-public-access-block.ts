// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html
import { defineOperation } from '../../../core/operation.js';
import { MESSAGES, NoSuchPublicAccessBlockConfiguration } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { bucketParams } from './audit.js';

type Op = Operations['GetPublicAccessBlock'];

export const getPublicAccessBlock = defineOperation<Op['input'], Op['output']>({
  name: 'GetPublicAccessBlock',
  eventName: 'GetBucketPublicAccessBlock',
  actions: ['s3:GetBucketPublicAccessBlock'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i, { publicAccessBlock: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:GetBucketPublicAccessBlock', bucket);
    // The bucket-level configuration only (the account's is S3 Control's GetPublicAccessBlock).
    if (bucket.publicAccessBlock === undefined) throw new NoSuchPublicAccessBlockConfiguration(MESSAGES.noPublicAccessBlock, { BucketName: bucket.name });
    return { PublicAccessBlockConfiguration: bucket.publicAccessBlock };
  },
});
