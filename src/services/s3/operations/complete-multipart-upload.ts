// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
import { createHash } from 'node:crypto';
import { defineOperation } from '../../../core/operation.js';
import { dropBody } from '../bodies.js';
import { EntityTooSmall, InvalidPart, InvalidPartOrder, MalformedXML, MESSAGES } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { loadUpload, MIN_PART_SIZE, uploadDataKey } from '../multipart.js';
import { auditObject, authorizeS3, loadBucket } from '../names.js';
import { customerDataKey, KMS_DECRYPT, requestCustomerKey, sseHeaders } from '../sse.js';
import { deleteUpload, objectPath, readParts, type ObjectSse, type PartRecord } from '../state.js';
import { makeCurrent, versionIdFor } from '../versions.js';
import { objectParams } from './audit.js';

type Op = Operations['CompleteMultipartUpload'];

const unquote = (etag: string): string => etag.replace(/^"|"$/g, '');

export const completeMultipartUpload = defineOperation<Op['input'], Op['output']>({
  name: 'CompleteMultipartUpload',
  actions: ['s3:PutObject', KMS_DECRYPT],
  readOnly: false,
  eventCategory: 'Data',
  audit: { request: (i) => objectParams(i, { uploadId: i.UploadId }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    await authorizeS3(ctx, 's3:PutObject', bucket, input.Key);
    const upload = await loadUpload(ctx, bucket, input.Key, input.UploadId);
    const asked = input.MultipartUpload?.Parts ?? [];
    if (asked.length === 0) throw new MalformedXML(MESSAGES.malformedXml);
    const stored = new Map((await readParts(ctx.tx, upload.uploadId)).map((p) => [p.partNumber, p]));
    const chosen: PartRecord[] = [];
    let last = 0;
    for (const a of asked) {
      const n = a.PartNumber ?? 0;
      if (n <= last) throw new InvalidPartOrder(MESSAGES.invalidPartOrder, { UploadId: upload.uploadId });
      last = n;
      const p = stored.get(n);
      if (p === undefined || a.ETag === undefined || unquote(a.ETag) !== p.md5) {
        throw new InvalidPart(MESSAGES.invalidPart, { UploadId: upload.uploadId, PartNumber: n, ...(a.ETag !== undefined ? { ETag: a.ETag } : {}) });
      }
      chosen.push(p);
    }
    for (const p of chosen.slice(0, -1)) {
      if (p.size < MIN_PART_SIZE) throw new EntityTooSmall(MESSAGES.entityTooSmall, { ProposedSize: p.size, MinSizeAllowed: MIN_PART_SIZE, PartNumber: p.partNumber, ETag: p.etag });
    }
    // The object's data key moves from the upload to the object (SSE-S3: resealed under the object's row).
    let sse: ObjectSse = upload.sse;
    if (upload.sse.kind === 'AES256') {
      const dek = await uploadDataKey(ctx, bucket, upload);
      sse = { kind: 'AES256', sealedKey: Buffer.from(ctx.barrier.seal(objectPath(bucket.name, input.Key), dek)).toString('base64') };
      dek.fill(0);
    } else if (upload.sse.kind === 'aws:kms') {
      (await uploadDataKey(ctx, bucket, upload)).fill(0); // kms:Decrypt, as AWS requires to complete
    } else {
      // SSE-C: the object keeps the upload's salted HMAC; the key headers are optional here
      // (API_CompleteMultipartUpload) but checked when sent.
      const ck = requestCustomerKey(input, ctx.secureTransport === true);
      if (ck !== undefined) customerDataKey(upload.sse, ck)?.fill(0);
    }
    const digest = createHash('md5').update(Buffer.concat(chosen.map((p) => Buffer.from(p.md5, 'hex')))).digest('hex');
    const etag = `"${digest}-${chosen.length}"`;
    const now = ctx.clock.now();
    const versionId = versionIdFor(bucket, now);
    await makeCurrent(ctx.tx, bucket, {
      ...(versionId !== undefined ? { versionId } : {}),
      bucket: bucket.name,
      key: input.Key,
      bodyId: chosen[0]!.bodyId,
      parts: chosen.map((p) => ({ bodyId: p.bodyId, size: p.size })),
      size: chosen.reduce((s, p) => s + p.size, 0),
      etag,
      lastModifiedMs: Math.floor(now / 1000) * 1000,
      contentType: upload.contentType,
      headers: upload.headers,
      metadata: upload.metadata,
      checksums: {},
      sse,
    });
    const used = new Set(chosen.map((p) => p.bodyId));
    for (const p of stored.values()) if (!used.has(p.bodyId)) dropBody(ctx.tx, p.bodyId);
    await deleteUpload(ctx.tx, upload.uploadId);
    ctx.audit.additionalEventData({ SSEApplied: upload.sseApplied });
    return { Location: `/${bucket.name}/${input.Key}`, Bucket: bucket.name, Key: input.Key, ETag: etag, ...(versionId !== undefined ? { VersionId: versionId } : {}), ...sseHeaders(sse) };
  },
});
