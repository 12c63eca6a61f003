// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicyStatus.html
import { defineOperation } from '../../../core/operation.js';
import { isPublic } from '../../../iam/policy/public.js';
import { MESSAGES, NoSuchBucketPolicy } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket } from '../names.js';
import { bucketParams } from './audit.js';

type Op = Operations['GetBucketPolicyStatus'];

export const getBucketPolicyStatus = defineOperation<Op['input'], Op['output']>({
  name: 'GetBucketPolicyStatus',
  actions: ['s3:GetBucketPolicyStatus'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i, { policyStatus: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:GetBucketPolicyStatus', bucket);
    // unverified: a bucket without a policy answers NoSuchBucketPolicy (as users report), not IsPublic false.
    if (bucket.policy === undefined) throw new NoSuchBucketPolicy(MESSAGES.noSuchBucketPolicy, { BucketName: bucket.name });
    // "The meaning of public" (access-control-block-public-access.html), by the engine's analysis.
    return { PolicyStatus: { IsPublic: isPublic(bucket.policy) } };
  },
});
