// https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html
import { defineOperation } from '../../../core/operation.js';
import { dropBody, newBodyId, sealBody, storeBody } from '../bodies.js';
import { checksumMembers, md5Hex } from '../checksums.js';
import { invalidArgument, MESSAGES } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { loadUpload, uploadDataKey } from '../multipart.js';
import { auditObject, authorizeS3, loadBucket } from '../names.js';
import { verifyChecksums } from '../objects.js';
import { KMS_DECRYPT, requestCustomerKey, sseHeaders } from '../sse.js';
import { readPart, writePart } from '../state.js';
import { objectParams } from './audit.js';

type Op = Operations['UploadPart'];

export const uploadPart = defineOperation<Op['input'], Op['output']>({
  name: 'UploadPart',
  actions: ['s3:PutObject', KMS_DECRYPT],
  readOnly: false,
  eventCategory: 'Data',
  audit: { request: (i) => objectParams(i, { partNumber: String(i.PartNumber), uploadId: i.UploadId }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    await authorizeS3(ctx, 's3:PutObject', bucket, input.Key);
    const upload = await loadUpload(ctx, bucket, input.Key, input.UploadId);
    const n = input.PartNumber;
    if (!Number.isInteger(n) || n < 1 || n > 10_000) throw invalidArgument(MESSAGES.partNumber, 'partNumber', String(n));
    const body = input.Body ?? new Uint8Array(0);
    const checksums = verifyChecksums(input, body);
    const dek = await uploadDataKey(ctx, bucket, upload, requestCustomerKey(input, ctx.secureTransport === true));
    const bodyId = newBodyId();
    const sealed = sealBody(dek, bucket.name, input.Key, bodyId, body);
    dek.fill(0);
    await storeBody(ctx.tx, ctx.dataDir, bodyId, sealed);
    const previous = await readPart(ctx.tx, upload.uploadId, n);
    if (previous !== undefined) dropBody(ctx.tx, previous.bodyId);
    const md5 = md5Hex(body);
    writePart(ctx.tx, upload.uploadId, { partNumber: n, bodyId, size: body.length, etag: `"${md5}"`, md5, lastModifiedMs: ctx.clock.now(), checksums });
    ctx.audit.additionalEventData({ bytesTransferredIn: body.length, bytesTransferredOut: 0 });
    const sums = checksumMembers(checksums);
    return { ETag: `"${md5}"`, ...sseHeaders(upload.sse), ...sums };
  },
});
