// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketTagging.html
import { defineOperation } from '../../../core/operation.js';
import { MESSAGES, NoSuchTagSet } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { bucketParams } from './audit.js';

type Op = Operations['GetBucketTagging'];

export const getBucketTagging = defineOperation<Op['input'], Op['output']>({
  name: 'GetBucketTagging',
  actions: ['s3:GetBucketTagging'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i, { tagging: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:GetBucketTagging', bucket);
    if (bucket.tags === undefined) throw new NoSuchTagSet(MESSAGES.noSuchTagSet, { BucketName: bucket.name });
    return { TagSet: bucket.tags.map((t) => ({ ...t })) };
  },
});
