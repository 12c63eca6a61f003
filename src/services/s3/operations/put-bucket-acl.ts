// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAcl.html
import { defineOperation } from '../../../core/operation.js';
import { aclConditions, aclToSet, bodyGrants, requestGrants, setsAcl } from '../access-control.js';
import { InvalidRequest, MissingSecurityHeader } from '../errors.js';
import type { Grant } from '../model.gen.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, canonicalUserId, loadBucket } from '../names.js';
import { writeBucket } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['PutBucketAcl'];

/** The grants of a PutBucketAcl/PutObjectAcl: its headers or its AccessControlPolicy body, exactly one of them. */
export function grantsOfAclRequest(input: Op['input'] | Operations['PutObjectAcl']['input'], ownerId: string, bucketOwnerId: string): Grant[] {
  const headers = setsAcl(input);
  const body = input.AccessControlPolicy !== undefined;
  // unverified: S3's texts for a request with neither or both.
  if (!headers && !body) throw new MissingSecurityHeader('Your request was missing a required header', { MissingHeaderName: 'x-amz-acl' });
  if (headers && body) throw new InvalidRequest('Specifying both Canned ACLs and Header Grants is not allowed');
  return body ? bodyGrants(input.AccessControlPolicy!) : requestGrants(input, ownerId, bucketOwnerId)!;
}

export const putBucketAcl = defineOperation<Op['input'], Op['output']>({
  name: 'PutBucketAcl',
  actions: ['s3:PutBucketAcl'],
  readOnly: false,
  audit: { request: (i) => bucketParams(i, { acl: '', ...(i.ACL !== undefined ? { 'x-amz-acl': String(i.ACL) } : {}) }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:PutBucketAcl', bucket, undefined, aclConditions(input));
    const ownerId = canonicalUserId(bucket.account);
    const acl = await aclToSet(ctx.tx, bucket, grantsOfAclRequest(input, ownerId, ownerId));
    const { acl: _old, ...rest } = bucket;
    writeBucket(ctx.tx, acl !== undefined ? { ...rest, acl } : rest);
    return {};
  },
});
