// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAcl.html
import { defineOperation } from '../../../core/operation.js';
import { effectiveOwnership, ownerAcl } from '../access-control.js';
import type { Operations } from '../model.gen.js';
import { auditObject, loadBucket } from '../names.js';
import { authorizedObject } from '../read.js';
import { objectParams } from './audit.js';

type Op = Operations['GetObjectAcl'];

export const getObjectAcl = defineOperation<Op['input'], Op['output']>({
  name: 'GetObjectAcl',
  actions: ['s3:GetObjectAcl', 's3:GetObjectVersionAcl', 's3:ListBucket'],
  readOnly: true,
  eventCategory: 'Data',
  audit: { request: (i) => objectParams(i, { acl: '', ...(i.VersionId !== undefined ? { versionId: i.VersionId } : {}) }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    const rec = await authorizedObject(ctx, bucket, input.Key, input.VersionId, input.VersionId !== undefined ? 's3:GetObjectVersionAcl' : 's3:GetObjectAcl');
    // Owner: the bucket owner. // Differs from AWS: under ObjectWriter S3 shows the writer as Owner.
    // With ACLs disabled a kept object ACL no longer shows (about-object-ownership.html).
    return ownerAcl(bucket.account, effectiveOwnership(bucket) === 'BucketOwnerEnforced' ? undefined : rec.acl);
  },
});
