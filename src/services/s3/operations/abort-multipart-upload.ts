// https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html
import { defineOperation } from '../../../core/operation.js';
import { dropBody } from '../bodies.js';
import type { Operations } from '../model.gen.js';
import { loadUpload } from '../multipart.js';
import { auditObject, authorizeS3, loadBucket } from '../names.js';
import { deleteUpload, readParts } from '../state.js';
import { objectParams } from './audit.js';

type Op = Operations['AbortMultipartUpload'];

export const abortMultipartUpload = defineOperation<Op['input'], Op['output']>({
  name: 'AbortMultipartUpload',
  actions: ['s3:AbortMultipartUpload'],
  readOnly: false,
  eventCategory: 'Data',
  audit: { request: (i) => objectParams(i, { uploadId: i.UploadId }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    await authorizeS3(ctx, 's3:AbortMultipartUpload', bucket, input.Key);
    const upload = await loadUpload(ctx, bucket, input.Key, input.UploadId);
    for (const p of await readParts(ctx.tx, upload.uploadId)) dropBody(ctx.tx, p.bodyId);
    await deleteUpload(ctx.tx, upload.uploadId);
    return {};
  },
});
