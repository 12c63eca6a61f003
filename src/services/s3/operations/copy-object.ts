// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
import { defineOperation } from '../../../core/operation.js';
import { checkCopySourceConditions } from '../copy-source.js';
import { invalidArgument, InvalidRequest, noSuchKey } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { aclConditions, objectAcl } from '../access-control.js';
import { auditObject, authorizeS3, loadBucket, objectArn } from '../names.js';
import { assertObjectKey, storedHeaders } from '../object-input.js';
import { readPlaintext, sseApplied, userMetadata, writeNewObject } from '../objects.js';
import { COPY_SOURCE_SSE_C_HEADER, customerKey, KMS_DECRYPT, KMS_ENCRYPT, sseChoice, sseHeaders } from '../sse.js';
import { isMarker, readObject } from '../state.js';
import { findVersion } from '../versions.js';
import { parseTaggingHeader } from '../tagging.js';
import { objectParams } from './audit.js';
import { sseConditions } from './put-object.js';

type Op = Operations['CopyObject'];

/** `bucket/key` or `/bucket/key`, URL-encoded, optionally `?versionId=…` (UploadPartCopy too). */
export function parseCopySource(raw: string): { bucket: string; key: string; versionId?: string } {
  const q = raw.indexOf('?');
  const versionId = q === -1 ? undefined : (new URLSearchParams(raw.slice(q + 1)).get('versionId') ?? undefined);
  let path = q === -1 ? raw : raw.slice(0, q);
  try {
    path = decodeURIComponent(path);
  } catch {
    // taken literally
  }
  if (path.startsWith('/')) path = path.slice(1);
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) throw invalidArgument('Invalid copy source object key', 'x-amz-copy-source', raw); // unverified wording
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1), ...(versionId !== undefined ? { versionId } : {}) };
}

export const copyObject = defineOperation<Op['input'], Op['output']>({
  name: 'CopyObject',
  actions: ['s3:GetObject', 's3:PutObject', KMS_DECRYPT, KMS_ENCRYPT],
  readOnly: false,
  eventCategory: 'Data',
  audit: {
    request: (i) => objectParams(i, {
      'x-amz-copy-source': i.CopySource,
      ...(i.CopySourceSSECustomerAlgorithm !== undefined ? { 'x-amz-copy-source-server-side-encryption-customer-algorithm': i.CopySourceSSECustomerAlgorithm } : {}),
    }),
  },
  async handler(input, ctx) {
    const src = parseCopySource(input.CopySource);
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    assertObjectKey(input.Key);
    const srcBucket = src.bucket === bucket.name ? bucket : await loadBucket(ctx, src.bucket, { cors: false });
    ctx.audit.addResource(objectArn(srcBucket.name, src.key), 'AWS::S3::Object', srcBucket.account);
    await authorizeS3(ctx, 's3:GetObject', srcBucket, src.key);
    await authorizeS3(ctx, 's3:PutObject', bucket, input.Key, { ...sseConditions(input), ...aclConditions(input) });
    const acl = await objectAcl(ctx.tx, bucket, input, ctx.account);
    const found = src.versionId !== undefined ? await findVersion(ctx.tx, srcBucket.name, src.key, src.versionId) : await readObject(ctx.tx, srcBucket.name, src.key);
    if (found === undefined || isMarker(found)) throw noSuchKey(src.key);
    const rec = found;
    checkCopySourceConditions(input, rec);
    const replace = input.MetadataDirective === 'REPLACE';
    const sameObject = srcBucket.name === bucket.name && src.key === input.Key;
    if (sameObject && !replace && input.ServerSideEncryption === undefined && input.SSECustomerAlgorithm === undefined && input.StorageClass === undefined && input.WebsiteRedirectLocation === undefined) {
      throw new InvalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
    }
    const secure = ctx.secureTransport === true;
    const choice = sseChoice(input, bucket, secure);
    // The source's own SSE-C key comes in the x-amz-copy-source-server-side-encryption-customer-* headers.
    const sourceKey = customerKey({ algorithm: input.CopySourceSSECustomerAlgorithm, key: input.CopySourceSSECustomerKey, md5: input.CopySourceSSECustomerKeyMD5 }, secure, COPY_SOURCE_SSE_C_HEADER);
    const plaintext = await readPlaintext(ctx, srcBucket, rec, sourceKey);
    const out = await writeNewObject(ctx, bucket, {
      key: input.Key,
      body: plaintext,
      contentType: replace ? (input.ContentType ?? 'binary/octet-stream') : rec.contentType,
      headers: replace ? storedHeaders(input) : rec.headers,
      metadata: replace ? userMetadata(input.Metadata) : rec.metadata,
      checksums: rec.checksums,
      ...(input.TaggingDirective === 'REPLACE' ? { tags: parseTaggingHeader(input.Tagging) ?? [] } : rec.tags !== undefined ? { tags: rec.tags } : {}),
      // A copy gets the ACL the request sets, never the source's (API_CopyObject, "Access control list").
      ...(acl !== undefined ? { acl } : {}),
    }, choice, input);
    ctx.audit.additionalEventData({ bytesTransferredIn: 0, bytesTransferredOut: 0, SSEApplied: sseApplied(choice) });
    return { CopyObjectResult: { ETag: out.etag, LastModified: new Date(out.lastModifiedMs) }, ...(out.versionId !== undefined ? { VersionId: out.versionId } : {}), ...sseHeaders(out.sse) };
  },
});
