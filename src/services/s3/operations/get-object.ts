// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { checksumMembers } from '../checksums.js';
import { auditObject, loadBucket } from '../names.js';
import { objectHeaders } from '../object-input.js';
import { objectBodies, objectRange, unreadableBody } from '../objects.js';
import { StreamingPayload } from '../../../protocol/codec.js';
import { authorizedObject, checkConditions, parseRange } from '../read.js';
import { KMS_DECRYPT, openDataKey, requestCustomerKey, sseHeaders } from '../sse.js';
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
    const [start, end] = range === undefined ? [0, rec.size] : [range[0], range[1] + 1];
    const bodies = await objectBodies(ctx, rec);
    // The body is decrypted as it is sent, only the segments the range covers. The first ones are
    // opened here, so a damaged body is an error answer rather than a cut connection; one damaged
    // further on ends the connection mid-body (the client sees fewer bytes than Content-Length).
    const chunks = objectRange(bodies, rec, await openDataKey(ctx, bucket, rec, ck), start, end);
    let first: IteratorResult<Buffer>;
    try {
      first = await chunks.next();
    } catch (err) {
      ctx.audit.additionalEventData({ bodyIntegrity: 'failed' });
      throw unreadableBody(err);
    }
    const body = new StreamingPayload(end - start, withFirst(first, chunks), async () => void (await chunks.return(undefined)));
    ctx.audit.additionalEventData({ bytesTransferredIn: 0, bytesTransferredOut: end - start });
    const sums = input.ChecksumMode === 'ENABLED' && range === undefined ? checksumMembers(rec.checksums) : {};
    return {
      // The generated type says Uint8Array; the rest-xml codec streams a StreamingPayload.
      Body: body as unknown as Uint8Array,
      ContentLength: end - start,
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

/** `rest` with its already-read first result put back in front. */
async function* withFirst(first: IteratorResult<Buffer>, rest: AsyncGenerator<Buffer>): AsyncGenerator<Uint8Array> {
  try {
    if (first.done === true) return;
    yield first.value;
    yield* rest;
  } finally {
    await rest.return(undefined);
  }
}
