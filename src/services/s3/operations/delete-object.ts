// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditObject, authorizeS3, loadBucket } from '../names.js';
import { deleteCurrent, deleteVersion } from '../versions.js';
import { objectParams } from './audit.js';

type Op = Operations['DeleteObject'];

export const deleteObject = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteObject',
  actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
  readOnly: false,
  eventCategory: 'Data',
  audit: { request: (i) => objectParams(i) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    await authorizeS3(ctx, input.VersionId !== undefined ? 's3:DeleteObjectVersion' : 's3:DeleteObject', bucket, input.Key);
    // Deleting a key that does not exist succeeds (204), as on AWS.
    const out = input.VersionId !== undefined
      ? await deleteVersion(ctx.tx, bucket, input.Key, input.VersionId)
      : await deleteCurrent(ctx.tx, bucket, input.Key, ctx.clock.now());
    return { ...(out.deleteMarker === true ? { DeleteMarker: true } : {}), ...(out.versionId !== undefined ? { VersionId: out.versionId } : {}) };
  },
});
