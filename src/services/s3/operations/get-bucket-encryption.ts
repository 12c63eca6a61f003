// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { bucketParams } from './audit.js';

type Op = Operations['GetBucketEncryption'];

export const getBucketEncryption = defineOperation<Op['input'], Op['output']>({
  name: 'GetBucketEncryption',
  actions: ['s3:GetEncryptionConfiguration'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i, { encryption: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:GetEncryptionConfiguration', bucket);
    // Every bucket has SSE-S3 by default since January 5, 2023 (UserGuide, default-encryption-faq).
    return {
      ServerSideEncryptionConfiguration: bucket.encryption ?? { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] },
    };
  },
});
