// https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html
import { defineOperation } from '../../../core/operation.js';
import { dropBody } from '../bodies.js';
import { checksumMembers } from '../checksums.js';
import { invalidArgument, MESSAGES } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { loadUpload, uploadDataKey } from '../multipart.js';
import { auditObject, authorizeS3, loadBucket } from '../names.js';
import { StreamedBody, verifyChecksums, writeBody, type WrittenBody } from '../objects.js';
import { KMS_DECRYPT, requestCustomerKey, sseHeaders } from '../sse.js';
import { readPart, writePart } from '../state.js';
import { objectParams } from './audit.js';

type Op = Operations['UploadPart'];

export const uploadPart = defineOperation<Op['input'], Op['output']>({
  name: 'UploadPart',
  actions: ['s3:PutObject', KMS_DECRYPT],
  readOnly: false,
  eventCategory: 'Data',
  streamingBody: true,
  audit: { request: (i) => objectParams(i, { partNumber: String(i.PartNumber), uploadId: i.UploadId }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    await authorizeS3(ctx, 's3:PutObject', bucket, input.Key);
    const upload = await loadUpload(ctx, bucket, input.Key, input.UploadId);
    const n = input.PartNumber;
    if (!Number.isInteger(n) || n < 1 || n > 10_000) throw invalidArgument(MESSAGES.partNumber, 'partNumber', String(n));
    // The body arrives as it is read (ctx.requestBody), or whole from a caller of the buffered path.
    const body = ctx.requestBody !== undefined ? StreamedBody.of(ctx.requestBody, input) : (input.Body ?? new Uint8Array(0));
    const given = body instanceof Uint8Array ? verifyChecksums(input, body) : undefined;
    const dek = await uploadDataKey(ctx, bucket, upload, requestCustomerKey(input, ctx.secureTransport === true));
    let written: WrittenBody;
    try {
      written = await writeBody(ctx, dek, bucket.name, input.Key, body);
    } finally {
      dek.fill(0);
    }
    const checksums = written.checksums ?? given ?? {};
    const previous = await readPart(ctx.tx, upload.uploadId, n);
    if (previous !== undefined) dropBody(ctx.tx, previous.bodyId);
    const md5 = written.md5Hex;
    writePart(ctx.tx, upload.uploadId, { partNumber: n, bodyId: written.bodyId, size: written.size, etag: `"${md5}"`, md5, lastModifiedMs: ctx.clock.now(), checksums });
    ctx.audit.additionalEventData({ bytesTransferredIn: written.size, bytesTransferredOut: 0 });
    const sums = checksumMembers(checksums);
    return { ETag: `"${md5}"`, ...sseHeaders(upload.sse), ...sums };
  },
});
