// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { dropBody } from '../bodies.js';
import { auditObject, authorizeS3, loadBucket } from '../names.js';
import { bodyIdsOf, deleteObjectRow, readObject } from '../state.js';
import { objectParams } from './audit.js';

type Op = Operations['DeleteObject'];

export const deleteObject = defineOperation<Op['input'], Op['output']>({
  name: 'DeleteObject',
  actions: ['s3:DeleteObject'],
  readOnly: false,
  eventCategory: 'Data',
  audit: { request: (i) => objectParams(i) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    await authorizeS3(ctx, 's3:DeleteObject', bucket, input.Key);
    // Deleting a key that does not exist succeeds (204), as on AWS.
    const rec = await readObject(ctx.tx, bucket.name, input.Key);
    if (rec !== undefined) {
      deleteObjectRow(ctx.tx, bucket.name, input.Key);
      for (const id of bodyIdsOf(rec)) dropBody(ctx.tx, id);
    }
    return {};
  },
});
