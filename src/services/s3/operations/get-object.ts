// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { checksumMembers } from '../checksums.js';
import { auditObject, loadBucket } from '../names.js';
import { objectHeaders } from '../object-input.js';
import { readPlaintext } from '../objects.js';
import { authorizedObject, checkConditions, parseRange } from '../read.js';
import { KMS_DECRYPT, requestCustomerKey, sseHeaders } from '../sse.js';
import { objectParams } from './audit.js';

type Op = Operations['GetObject'];

export const getObject = defineOperation<Op['input'], Op['output']>({
  name: 'GetObject',
  actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket', KMS_DECRYPT],
  readOnly: true,
  eventCategory: 'Data',
  audit: { request: (i) => objectParams(i) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    const action = input.VersionId !== undefined ? 's3:GetObjectVersion' : 's3:GetObject';
    const rec = await authorizedObject(ctx, bucket, input.Key, input.VersionId, action);
    const ck = requestCustomerKey(input, ctx.secureTransport === true);
    checkConditions(input, rec);
    const range = parseRange(input.Range, rec.size);
    const plaintext = await readPlaintext(ctx, bucket, rec, ck);
    const body = range === undefined ? plaintext : plaintext.subarray(range[0], range[1] + 1);
    ctx.audit.additionalEventData({ bytesTransferredIn: 0, bytesTransferredOut: body.length });
    const sums = input.ChecksumMode === 'ENABLED' && range === undefined ? checksumMembers(rec.checksums) : {};
    return {
      Body: body,
      ContentLength: body.length,
      ContentType: input.ResponseContentType ?? rec.contentType,
      ETag: rec.etag,
      LastModified: new Date(rec.lastModifiedMs),
      AcceptRanges: 'bytes',
      ...objectHeaders(rec),
      ...(input.ResponseCacheControl !== undefined ? { CacheControl: input.ResponseCacheControl } : {}),
      ...(input.ResponseContentDisposition !== undefined ? { ContentDisposition: input.ResponseContentDisposition } : {}),
      ...(input.ResponseContentEncoding !== undefined ? { ContentEncoding: input.ResponseContentEncoding } : {}),
      ...(input.ResponseContentLanguage !== undefined ? { ContentLanguage: input.ResponseContentLanguage } : {}),
      ...(range !== undefined ? { ContentRange: `bytes ${range[0]}-${range[1]}/${rec.size}` } : {}),
      Metadata: { ...rec.metadata },
      ...(rec.versionId !== undefined ? { VersionId: rec.versionId } : {}),
      ...(rec.tags !== undefined && rec.tags.length > 0 ? { TagCount: rec.tags.length } : {}),
      ...sseHeaders(rec.sse),
      ...sums,
      ...(Object.keys(sums).length > 0 ? { ChecksumType: 'FULL_OBJECT' as const } : {}),
    };
  },
});
