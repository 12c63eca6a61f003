// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { newUploadId } from '../multipart.js';
import { aclConditions, objectAcl } from '../access-control.js';
import { auditObject, authorizeS3, loadBucket } from '../names.js';
import { assertObjectKey, storedHeaders } from '../object-input.js';
import { sseApplied, userMetadata } from '../objects.js';
import { customerKeyRecord, KMS_ENCRYPT, newDataKey, sseChoice, sseHeaders } from '../sse.js';
import { uploadPath, writeUpload, type ObjectSse } from '../state.js';
import { objectParams } from './audit.js';
import { sseConditions } from './put-object.js';
import { pooledRandomBytes } from '../../../crypto/random.js';

type Op = Operations['CreateMultipartUpload'];

export const createMultipartUpload = defineOperation<Op['input'], Op['output']>({
  name: 'CreateMultipartUpload',
  actions: ['s3:PutObject', KMS_ENCRYPT],
  readOnly: false,
  eventCategory: 'Data',
  audit: { request: (i) => objectParams(i, { uploads: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditObject(ctx, bucket, input.Key);
    await authorizeS3(ctx, 's3:PutObject', bucket, input.Key, { ...sseConditions(input), ...aclConditions(input) });
    // Checked, not kept (access-control.ts).
    await objectAcl(ctx.tx, bucket, input, ctx.account);
    assertObjectKey(input.Key);
    const choice = sseChoice(input, bucket, ctx.secureTransport === true);
    const uploadId = newUploadId();
    let sse: ObjectSse;
    if (choice.kind === 'SSE-C') {
      sse = customerKeyRecord(choice.customer!);
    } else if (choice.kind === 'AES256') {
      const dek = pooledRandomBytes(32);
      sse = { kind: 'AES256', sealedKey: Buffer.from(ctx.barrier.seal(uploadPath(uploadId), dek)).toString('base64') };
      dek.fill(0);
    } else {
      const k = await newDataKey(ctx, bucket, input.Key, choice, input);
      k.dek.fill(0);
      sse = k.sse;
    }
    writeUpload(ctx.tx, {
      uploadId,
      bucket: bucket.name,
      key: input.Key,
      initiatedMs: ctx.clock.now(),
      initiator: ctx.principal.arn,
      contentType: input.ContentType ?? 'binary/octet-stream',
      headers: storedHeaders(input),
      metadata: userMetadata(input.Metadata),
      sse,
      sseApplied: sseApplied(choice),
    });
    ctx.audit.additionalEventData({ SSEApplied: sseApplied(choice) });
    return { Bucket: bucket.name, Key: input.Key, UploadId: uploadId, ...sseHeaders(sse) };
  },
});
