// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectAcl.html
import { defineOperation } from '../../../core/operation.js';
import { aclConditions, aclToSet } from '../access-control.js';
import type { Operations } from '../model.gen.js';
import { auditObject, canonicalUserId, loadBucket } from '../names.js';
import { authorizedObject } from '../read.js';
import { rewriteVersion } from '../versions.js';
import { objectParams } from './audit.js';
import { grantsOfAclRequest } from './put-bucket-acl.js';

type Op = Operations['PutObjectAcl'];

export const putObjectAcl = defineOperation<Op['input'], Op['output']>({
  name: 'PutObjectAcl',
  actions: ['s3:PutObjectAcl', 's3:PutObjectVersionAcl', 's3:ListBucket'],
  readOnly: false,
  eventCategory: 'Data',
  audit: { request: (i) => objectParams(i, { acl: '', ...(i.ACL !== undefined ? { 'x-amz-acl': String(i.ACL) } : {}), ...(i.VersionId !== undefined ? { versionId: i.VersionId } : {}) }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    const action = input.VersionId !== undefined ? 's3:PutObjectVersionAcl' : 's3:PutObjectAcl';
    const rec = await authorizedObject(ctx, bucket, input.Key, input.VersionId, action, aclConditions(input));
    const bucketOwnerId = canonicalUserId(bucket.account);
    const acl = await aclToSet(ctx.tx, bucket, grantsOfAclRequest(input, bucketOwnerId, bucketOwnerId));
    const { acl: _old, ...rest } = rec;
    await rewriteVersion(ctx.tx, acl !== undefined ? { ...rest, acl } : rest);
    return {};
  },
});
