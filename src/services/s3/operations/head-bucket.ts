// https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { bucketParams } from './audit.js';

type Op = Operations['HeadBucket'];

export const headBucket = defineOperation<Op['input'], Op['output']>({
  name: 'HeadBucket',
  actions: ['s3:ListBucket'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:ListBucket', bucket);
    return { BucketRegion: bucket.region, BucketArn: `arn:aws:s3:::${bucket.name}` };
  },
});
