// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketCors.html
import { defineOperation } from '../../../core/operation.js';
import { MESSAGES, NoSuchCORSConfiguration } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { bucketParams } from './audit.js';

type Op = Operations['GetBucketCors'];

export const getBucketCors = defineOperation<Op['input'], Op['output']>({
  name: 'GetBucketCors',
  actions: ['s3:GetBucketCORS'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i, { cors: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:GetBucketCORS', bucket);
    if (bucket.cors === undefined) throw new NoSuchCORSConfiguration(MESSAGES.noCors, { BucketName: bucket.name });
    return { CORSRules: [...bucket.cors] };
  },
});
