// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketAcl.html
import { defineOperation } from '../../../core/operation.js';
import { ownerAcl } from '../access-control.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { bucketParams } from './audit.js';

type Op = Operations['GetBucketAcl'];

export const getBucketAcl = defineOperation<Op['input'], Op['output']>({
  name: 'GetBucketAcl',
  actions: ['s3:GetBucketAcl'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i, { acl: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:GetBucketAcl', bucket);
    return ownerAcl(bucket.account, bucket.acl);
  },
});
