// https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { checksumMembers } from '../checksums.js';
import { auditObject, loadBucket } from '../names.js';
import { objectHeaders } from '../object-input.js';
import { authorizedObject, checkConditions } from '../read.js';
import { customerDataKey, requestCustomerKey, sseHeaders } from '../sse.js';
import { objectParams } from './audit.js';

type Op = Operations['HeadObject'];

export const headObject = defineOperation<Op['input'], Op['output']>({
  name: 'HeadObject',
  actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:ListBucket'],
  readOnly: true,
  eventCategory: 'Data',
  audit: { request: (i) => objectParams(i) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    const action = input.VersionId !== undefined ? 's3:GetObjectVersion' : 's3:GetObject';
    const rec = await authorizedObject(ctx, bucket, input.Key, input.VersionId, action);
    customerDataKey(rec.sse, requestCustomerKey(input, ctx.secureTransport === true))?.fill(0);
    checkConditions(input, rec);
    const sums = input.ChecksumMode === 'ENABLED' ? checksumMembers(rec.checksums) : {};
    return {
      ContentLength: rec.size,
      ContentType: rec.contentType,
      ETag: rec.etag,
      LastModified: new Date(rec.lastModifiedMs),
      AcceptRanges: 'bytes',
      ...objectHeaders(rec),
      Metadata: { ...rec.metadata },
      ...(rec.versionId !== undefined ? { VersionId: rec.versionId } : {}),
      ...(rec.tags !== undefined && rec.tags.length > 0 ? { TagCount: rec.tags.length } : {}),
      ...sseHeaders(rec.sse),
      ...sums,
    };
  },
});
