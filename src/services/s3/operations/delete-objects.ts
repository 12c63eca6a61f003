// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
import { AwsError } from '../../../core/errors.js';
import { defineOperation } from '../../../core/operation.js';
import { MalformedXML, MESSAGES } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket, objectArn } from '../names.js';
import { deleteCurrent, deleteVersion } from '../versions.js';
import { bucketParams } from './audit.js';

type Op = Operations['DeleteObjects'];

export const deleteObjects = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteObjects',
  actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
  readOnly: false,
  eventCategory: 'Data',
  audit: { request: (i) => bucketParams(i, { delete: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    // Differs from AWS: the Content-MD5 / x-amz-checksum-* of the request body is not verified here.
    const objects = input.Delete?.Objects ?? [];
    // At most 1,000 keys, at least one (API_DeleteObjects).
    if (objects.length === 0 || objects.length > 1000) throw new MalformedXML(MESSAGES.malformedXml);
    const deleted: NonNullable<Op['output']['Deleted']> = [];
    const errors: NonNullable<Op['output']['Errors']> = [];
    for (const o of objects) {
      try {
        await authorizeS3(ctx, o.VersionId !== undefined ? 's3:DeleteObjectVersion' : 's3:DeleteObject', bucket, o.Key);
      } catch (err) {
        if (!(err instanceof AwsError) || err.code !== 'AccessDenied') throw err;
        errors.push({ Key: o.Key, Code: 'AccessDenied', Message: 'Access Denied' });
        continue;
      }
      ctx.audit.addResource(objectArn(bucket.name, o.Key), 'AWS::S3::Object', bucket.account);
      const out = o.VersionId !== undefined ? await deleteVersion(ctx.tx, bucket, o.Key, o.VersionId) : await deleteCurrent(ctx.tx, bucket, o.Key, ctx.clock.now());
      if (input.Delete?.Quiet !== true) {
        deleted.push({
          Key: o.Key,
          ...(o.VersionId !== undefined ? { VersionId: o.VersionId } : {}),
          ...(out.deleteMarker === true ? { DeleteMarker: true } : {}),
          ...(out.deleteMarker === true && o.VersionId === undefined && out.versionId !== undefined ? { DeleteMarkerVersionId: out.versionId } : {}),
        });
      }
    }
    return { ...(deleted.length > 0 ? { Deleted: deleted } : {}), ...(errors.length > 0 ? { Errors: errors } : {}) };
  },
});
