// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { loadUpload } from '../multipart.js';
import { auditObject, authorizeS3, canonicalUserId, loadBucket } from '../names.js';
import { readParts } from '../state.js';
import { objectParams } from './audit.js';

type Op = Operations['ListParts'];

export const listParts = defineOperation<Op['input'], Op['output']>({
  name: 'ListParts',
  actions: ['s3:ListMultipartUploadParts'],
  readOnly: true,
  eventCategory: 'Data',
  audit: { request: (i) => objectParams(i, { uploadId: i.UploadId }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    await authorizeS3(ctx, 's3:ListMultipartUploadParts', bucket, input.Key);
    const upload = await loadUpload(ctx, bucket, input.Key, input.UploadId);
    const max = Math.min(Math.max(input.MaxParts ?? 1000, 0), 1000);
    const marker = Number(input.PartNumberMarker ?? 0);
    const after = (await readParts(ctx.tx, upload.uploadId)).filter((p) => p.partNumber > marker);
    const page = after.slice(0, max);
    const truncated = after.length > max;
    return {
      Bucket: bucket.name,
      Key: input.Key,
      UploadId: upload.uploadId,
      PartNumberMarker: marker,
      ...(truncated && page.length > 0 ? { NextPartNumberMarker: page[page.length - 1]!.partNumber } : {}),
      MaxParts: max,
      IsTruncated: truncated,
      Parts: page.map((p) => ({ PartNumber: p.partNumber, LastModified: new Date(p.lastModifiedMs), ETag: p.etag, Size: p.size })),
      Initiator: { ID: upload.initiator, DisplayName: upload.initiator.slice(upload.initiator.lastIndexOf('/') + 1) },
      Owner: { ID: canonicalUserId(bucket.account) },
      StorageClass: 'STANDARD',
    };
  },
});
