// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketPolicy.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { validateBucketPolicy } from '../policy.js';
import { writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['PutBucketPolicy'];

export const putBucketPolicy = defineOperation<Op['input'], Op['output']>({
  name: 'PutBucketPolicy',
  actions: ['s3:PutBucketPolicy'],
  readOnly: false,
  audit: { request: (i) => bucketParams(i, { bucketPolicy: i.Policy, policy: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:PutBucketPolicy', bucket);
    validateBucketPolicy(input.Policy, bucket.name);
    writeBucket(ctx.tx, { ...bucket, policy: input.Policy });
    return {};
  },
});
