// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html
import { AwsError } from '../../../core/errors.js';
import { defineOperation } from '../../../core/operation.js';
import { dropBody } from '../bodies.js';
import { MalformedXML, MESSAGES } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, loadBucket, objectArn } from '../names.js';
import { bodyIdsOf, deleteObjectRow, readObject } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['DeleteObjects'];

export const deleteObjects = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteObjects',
  actions: ['s3:DeleteObject'],
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
        await authorizeS3(ctx, 's3:DeleteObject', bucket, o.Key);
      } catch (err) {
        if (!(err instanceof AwsError) || err.code !== 'AccessDenied') throw err;
        errors.push({ Key: o.Key, Code: 'AccessDenied', Message: 'Access Denied' });
        continue;
      }
      ctx.audit.addResource(objectArn(bucket.name, o.Key), 'AWS::S3::Object', bucket.account);
      const rec = await readObject(ctx.tx, bucket.name, o.Key);
      if (rec !== undefined) {
        deleteObjectRow(ctx.tx, bucket.name, o.Key);
        for (const id of bodyIdsOf(rec)) dropBody(ctx.tx, id);
      }
      if (input.Delete?.Quiet !== true) deleted.push({ Key: o.Key });
    }
    return { ...(deleted.length > 0 ? { Deleted: deleted } : {}), ...(errors.length > 0 ? { Errors: errors } : {}) };
  },
});
