// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketEncryption.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['DeleteBucketEncryption'];

export const deleteBucketEncryption = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteBucketEncryption',
  // DeleteBucketEncryption is authorized by s3:PutEncryptionConfiguration (API reference, Permissions).
  actions: ['s3:PutEncryptionConfiguration'],
  readOnly: false,
  audit: { request: (i) => bucketParams(i, { encryption: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:PutEncryptionConfiguration', bucket);
    const { encryption: _e, ...rest } = bucket;
    writeBucket(ctx.tx, rest); // back to the SSE-S3 default
    return {};
  },
});
