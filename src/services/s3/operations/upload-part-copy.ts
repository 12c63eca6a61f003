// https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html
import { defineOperation } from '../../../core/operation.js';
import { dropBody, storeBody } from '../bodies.js';
import { checksumMembers, checksumOf, md5Hex, type ChecksumAlgorithm } from '../checksums.js';
import { checkCopySourceConditions, parseCopySourceRange } from '../copy-source.js';
import { invalidArgument, MESSAGES, noSuchKey } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { loadUpload, uploadDataKey } from '../multipart.js';
import { auditObject, authorizeS3, loadBucket, objectArn } from '../names.js';
import { readPlaintext } from '../objects.js';
import { COPY_SOURCE_SSE_C_HEADER, customerKey, KMS_DECRYPT, requestCustomerKey, sseHeaders } from '../sse.js';
import { isMarker, readObject, readPart, writePart } from '../state.js';
import { findVersion } from '../versions.js';
import { objectParams } from './audit.js';
import { parseCopySource } from './copy-object.js';

type Op = Operations['UploadPartCopy'];

export const uploadPartCopy = defineOperation<Op['input'], Op['output']>({
  name: 'UploadPartCopy',
  actions: ['s3:PutObject', 's3:GetObject', 's3:GetObjectVersion', KMS_DECRYPT],
  readOnly: false,
  eventCategory: 'Data',
  audit: {
    request: (i) => objectParams(i, {
      partNumber: String(i.PartNumber),
      uploadId: i.UploadId,
      'x-amz-copy-source': i.CopySource,
      ...(i.CopySourceRange !== undefined ? { 'x-amz-copy-source-range': i.CopySourceRange } : {}),
      ...(i.CopySourceSSECustomerAlgorithm !== undefined ? { 'x-amz-copy-source-server-side-encryption-customer-algorithm': i.CopySourceSSECustomerAlgorithm } : {}),
    }),
  },
  async handler(input, ctx) {
    const src = parseCopySource(input.CopySource);
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    const srcBucket = src.bucket === bucket.name ? bucket : await loadBucket(ctx, src.bucket);
    ctx.audit.addResource(objectArn(srcBucket.name, src.key), 'AWS::S3::Object', srcBucket.account);
    // "you must have READ access to the source object and WRITE access to the destination bucket":
    // s3:GetObject (s3:GetObjectVersion for a version) on the source, s3:PutObject on the target.
    await authorizeS3(ctx, src.versionId !== undefined ? 's3:GetObjectVersion' : 's3:GetObject', srcBucket, src.key);
    await authorizeS3(ctx, 's3:PutObject', bucket, input.Key);
    const upload = await loadUpload(ctx, bucket, input.Key, input.UploadId);
    const n = input.PartNumber;
    if (!Number.isInteger(n) || n < 1 || n > 10_000) throw invalidArgument(MESSAGES.partNumber, 'partNumber', String(n));
    const found = src.versionId !== undefined ? await findVersion(ctx.tx, srcBucket.name, src.key, src.versionId) : await readObject(ctx.tx, srcBucket.name, src.key);
    if (found === undefined || isMarker(found)) throw noSuchKey(src.key); // as CopyObject answers
    checkCopySourceConditions(input, found);
    const range = parseCopySourceRange(input.CopySourceRange, found.size);
    const secure = ctx.secureTransport === true;
    // The source's own SSE-C key comes in the x-amz-copy-source-server-side-encryption-customer-* headers;
    // the upload's (when it is SSE-C) in the usual ones.
    const sourceKey = customerKey({ algorithm: input.CopySourceSSECustomerAlgorithm, key: input.CopySourceSSECustomerKey, md5: input.CopySourceSSECustomerKeyMD5 }, secure, COPY_SOURCE_SSE_C_HEADER);
    const targetKey = requestCustomerKey(input, secure);
    const whole = await readPlaintext(ctx, srcBucket, found, sourceKey);
    const body = range === undefined ? whole : whole.subarray(range[0], range[1] + 1);
    // A part copied from an object stored with checksums gets the same algorithms, over its bytes.
    const checksums: Record<string, string> = {};
    for (const alg of Object.keys(found.checksums) as ChecksumAlgorithm[]) checksums[alg] = checksumOf(alg, body);
    const dek = await uploadDataKey(ctx, bucket, upload, targetKey);
    let bodyId: string;
    try {
      bodyId = await storeBody(ctx.tx, ctx.dataDir, dek, bucket.name, input.Key, body);
    } finally {
      dek.fill(0);
    }
    const previous = await readPart(ctx.tx, upload.uploadId, n);
    if (previous !== undefined) dropBody(ctx.tx, previous.bodyId);
    const md5 = md5Hex(body);
    const now = ctx.clock.now();
    writePart(ctx.tx, upload.uploadId, { partNumber: n, bodyId, size: body.length, etag: `"${md5}"`, md5, lastModifiedMs: now, checksums });
    ctx.audit.additionalEventData({ bytesTransferredIn: 0, bytesTransferredOut: 0 });
    return {
      // x-amz-copy-source-version-id: the version copied, in a bucket that has versions.
      ...(found.versionId !== undefined && found.versionId !== 'null' ? { CopySourceVersionId: found.versionId } : {}),
      CopyPartResult: { ETag: `"${md5}"`, LastModified: new Date(now), ...checksumMembers(checksums) },
      ...sseHeaders(upload.sse),
    };
  },
});
