// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
import type { ConditionValue } from '../../../core/operation.js';
import { defineOperation } from '../../../core/operation.js';
import { checksumMembers } from '../checksums.js';
import { MESSAGES, noSuchKey, PreconditionFailed } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { aclConditions, objectAcl } from '../access-control.js';
import { auditObject, authorizeS3, loadBucket } from '../names.js';
import { assertObjectKey, storedHeaders } from '../object-input.js';
import { sseApplied, StreamedBody, userMetadata, verifyChecksums, writeNewObject } from '../objects.js';
import { KMS_ENCRYPT, sseChoice, sseHeaders } from '../sse.js';
import { readObject } from '../state.js';
import { parseTaggingHeader, requestTagConditions } from '../tagging.js';
import { objectParams } from './audit.js';

type Op = Operations['PutObject'];

/** The S3 condition keys of a write that sets encryption (list_amazons3, condition keys). */
export function sseConditions(input: { ServerSideEncryption?: string; SSEKMSKeyId?: string }): Record<string, ConditionValue> {
  const c: Record<string, ConditionValue> = {};
  if (input.ServerSideEncryption !== undefined) c['s3:x-amz-server-side-encryption'] = input.ServerSideEncryption;
  if (input.SSEKMSKeyId !== undefined) c['s3:x-amz-server-side-encryption-aws-kms-key-id'] = input.SSEKMSKeyId;
  return c;
}

export const putObject = defineOperation<Op['input'], Op['output']>({
  name: 'PutObject',
  actions: ['s3:PutObject', KMS_ENCRYPT],
  readOnly: false,
  eventCategory: 'Data',
  streamingBody: true,
  audit: { request: (i) => objectParams(i) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    const tags = parseTaggingHeader(input.Tagging);
    await authorizeS3(ctx, 's3:PutObject', bucket, input.Key, { ...sseConditions(input), ...requestTagConditions(tags), ...aclConditions(input) });
    const acl = await objectAcl(ctx.tx, bucket, input, ctx.account);
    assertObjectKey(input.Key);
    // The body arrives as it is read (ctx.requestBody), or whole from a caller of the buffered path;
    // its checksums are compared once it is all there, before anything commits.
    const body = ctx.requestBody !== undefined ? StreamedBody.of(ctx.requestBody, input) : (input.Body ?? new Uint8Array(0));
    const given = body instanceof Uint8Array ? verifyChecksums(input, body) : undefined;
    const choice = sseChoice(input, bucket, ctx.secureTransport === true);
    if (input.IfNoneMatch !== undefined || input.IfMatch !== undefined) {
      const existing = await readObject(ctx.tx, bucket.name, input.Key);
      // Conditional writes (conditional-writes.html): If-None-Match: * and If-Match: <etag>.
      if (input.IfNoneMatch === '*' && existing !== undefined) throw new PreconditionFailed(MESSAGES.precondition, { Condition: 'If-None-Match' });
      if (input.IfMatch !== undefined) {
        if (existing === undefined) throw noSuchKey(input.Key);
        if (input.IfMatch !== existing.etag && `"${input.IfMatch}"` !== existing.etag) throw new PreconditionFailed(MESSAGES.precondition, { Condition: 'If-Match' });
      }
    }
    const rec = await writeNewObject(ctx, bucket, {
      key: input.Key,
      body,
      ...(input.ContentType !== undefined ? { contentType: input.ContentType } : {}),
      headers: storedHeaders(input),
      metadata: userMetadata(input.Metadata),
      ...(given !== undefined ? { checksums: given } : {}),
      ...(tags !== undefined ? { tags } : {}),
      ...(acl !== undefined ? { acl } : {}),
    }, choice, input);
    ctx.audit.additionalEventData({ bytesTransferredIn: rec.size, bytesTransferredOut: 0, SSEApplied: sseApplied(choice) });
    const sums = checksumMembers(rec.checksums);
    return { ETag: rec.etag, ...(rec.versionId !== undefined ? { VersionId: rec.versionId } : {}), ...sseHeaders(rec.sse), ...sums, ...(Object.keys(rec.checksums).length > 0 ? { ChecksumType: 'FULL_OBJECT' as const } : {}), Size: rec.size };
  },
});
