/**
 * Multipart uploads (S3 User Guide, mpuoverview): the object's data key is made when the upload
 * starts (kms:GenerateDataKey then, as AWS does); every part is sealed under it as its own body;
 * completing writes the object record naming the parts' bodies in order — no body is rewritten.
 */
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../core/operation.js';
import { decryptFor, KmsCallFailure } from '../kms/internal.js';
import { AccessDenied, MESSAGES, NoSuchUpload } from './errors.js';
import { objectArn } from './names.js';
import { customerDataKey, viaService, type CustomerKey } from './sse.js';
import { readUpload, uploadPath, type BucketRecord, type UploadRecord } from './state.js';

/** Parts other than the last must be at least 5 MiB (mpuoverview, limits). */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

/**
 * 64 base64url characters, never starting with `-` or `_`: a command line would read an id
 * starting with `-` as an option (`aws s3api upload-part --upload-id -abc…` fails).
 */
export function newUploadId(): string {
  for (;;) {
    const id = randomBytes(48).toString('base64url');
    if (/^[A-Za-z0-9]/.test(id)) return id;
  }
}

export async function loadUpload(ctx: Ctx, bucket: BucketRecord, key: string, uploadId: string): Promise<UploadRecord> {
  const u = await readUpload(ctx.tx, uploadId);
  if (u === undefined || u.bucket !== bucket.name || u.key !== key) throw new NoSuchUpload(MESSAGES.noSuchUpload, { UploadId: uploadId });
  return u;
}

/** The upload's data key in clear (SSE-KMS: kms:Decrypt by the caller, as AWS requires for multipart uploads; SSE-C: the caller's key, checked). */
export async function uploadDataKey(ctx: Ctx, bucket: BucketRecord, u: UploadRecord, ck?: CustomerKey): Promise<Buffer> {
  if (u.sse.kind === 'SSE-C' || ck !== undefined) return customerDataKey(u.sse, ck)!;
  if (u.sse.kind === 'AES256') return Buffer.from(ctx.barrier.unseal(uploadPath(u.uploadId), Buffer.from(u.sse.sealedKey, 'base64')));
  try {
    return await decryptFor(ctx, Buffer.from(u.sse.blob, 'base64'), { encryptionContext: u.sse.context, viaService: viaService(bucket), keyId: u.sse.keyArn });
  } catch (err) {
    if (err instanceof KmsCallFailure) throw new AccessDenied(err.message);
    throw err;
  }
}

export const uploadArn = (u: UploadRecord): string => objectArn(u.bucket, u.key);
