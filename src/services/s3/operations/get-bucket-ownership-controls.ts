// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketOwnershipControls.html
import { defineOperation } from '../../../core/operation.js';
import { MESSAGES, OwnershipControlsNotFoundError } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { bucketParams } from './audit.js';

type Op = Operations['GetBucketOwnershipControls'];

export const getBucketOwnershipControls = defineOperation<Op['input'], Op['output']>({
  name: 'GetBucketOwnershipControls',
  actions: ['s3:GetBucketOwnershipControls'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i, { ownershipControls: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:GetBucketOwnershipControls', bucket);
    if (bucket.ownership === undefined) throw new OwnershipControlsNotFoundError(MESSAGES.noOwnershipControls, { BucketName: bucket.name });
    return { OwnershipControls: { Rules: [{ ObjectOwnership: bucket.ownership }] } };
  },
});
