/**
 * Writing and reading object bodies through their encryption: one path for PutObject,
 * CopyObject and the internal write API (internal.ts).
 */
import type { Ctx } from '../../core/operation.js';
import type { ReadTx } from '../../store/store.js';
import { loadBody, newBodyId, openBody, sealBody, storeBody } from './bodies.js';
import { checksumOf, md5Base64, md5Hex, CHECKSUM_ALGORITHMS, type ChecksumAlgorithm } from './checksums.js';
import { BadDigest, InvalidDigest, InvalidRequest, MESSAGES } from './errors.js';
import { newDataKey, openDataKey, sseChoice, type CustomerKey, type SseInput } from './sse.js';
import type { WriteTx } from '../../store/store.js';
import type { Grant, Tag } from './model.gen.js';
import { bodyIdsOf, type BucketRecord, type ObjectRecord, type ObjectSse } from './state.js';
import { makeCurrent, versionIdFor } from './versions.js';

export interface NewObject {
  readonly key: string;
  readonly body: Uint8Array;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly checksums?: Readonly<Record<string, string>>;
  readonly tags?: readonly Tag[];
  readonly acl?: readonly Grant[];
}

/** Checksum headers as the model names them. */
export interface ChecksumInput {
  readonly ContentMD5?: string;
  readonly ChecksumCRC32?: string;
  readonly ChecksumCRC32C?: string;
  readonly ChecksumSHA1?: string;
  readonly ChecksumSHA256?: string;
  readonly ChecksumCRC64NVME?: string;
  readonly ChecksumSHA512?: string;
  readonly ChecksumMD5?: string;
  readonly ChecksumXXHASH64?: string;
  readonly ChecksumXXHASH3?: string;
  readonly ChecksumXXHASH128?: string;
}

const MEMBER: Readonly<Record<ChecksumAlgorithm, keyof ChecksumInput>> = { CRC32: 'ChecksumCRC32', CRC32C: 'ChecksumCRC32C', SHA1: 'ChecksumSHA1', SHA256: 'ChecksumSHA256' };
const UNSUPPORTED: readonly (keyof ChecksumInput)[] = ['ChecksumCRC64NVME', 'ChecksumSHA512', 'ChecksumMD5', 'ChecksumXXHASH64', 'ChecksumXXHASH3', 'ChecksumXXHASH128'];

/**
 * Content-MD5 and x-amz-checksum-* against the body, before anything is written (S3 User Guide,
 * checking-object-integrity): a value that is not base64 of the digest's length is InvalidDigest /
 * InvalidRequest; a wrong one BadDigest. Returns the verified checksums by algorithm.
 */
export function verifyChecksums(input: ChecksumInput, body: Uint8Array): Record<string, string> {
  if (input.ContentMD5 !== undefined) {
    if (Buffer.from(input.ContentMD5, 'base64').length !== 16) throw new InvalidDigest(MESSAGES.invalidDigest, { 'Content-MD5': input.ContentMD5 });
    if (md5Base64(body) !== input.ContentMD5) throw new BadDigest(MESSAGES.badDigest, { ExpectedDigest: input.ContentMD5, CalculatedDigest: md5Base64(body) });
  }
  for (const m of UNSUPPORTED) {
    // Differs from AWS: these algorithms are not computed by Warden yet.
    if (input[m] !== undefined) throw new InvalidRequest(`Warden does not verify ${m} yet; use CRC32, CRC32C, SHA1 or SHA256.`);
  }
  const out: Record<string, string> = {};
  let count = 0;
  for (const alg of CHECKSUM_ALGORITHMS) {
    const given = input[MEMBER[alg]];
    if (given === undefined) continue;
    count++;
    const actual = checksumOf(alg, body);
    if (Buffer.from(given, 'base64').toString('base64') !== given || Buffer.from(given, 'base64').length !== Buffer.from(actual, 'base64').length) {
      throw new InvalidRequest(`Value for x-amz-checksum-${alg.toLowerCase()} header is invalid.`);
    }
    if (given !== actual) throw new BadDigest(`The ${alg} you specified did not match the calculated checksum.`);
    out[alg] = actual;
  }
  // unverified wording
  if (count > 1) throw new InvalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  return out;
}

/**
 * Encrypts and stores a new object (replacing any object at the key). The caller has authorized
 * the write and validated the input; `choice` comes from sseChoice.
 */
export async function writeNewObject(ctx: Ctx, bucket: BucketRecord, o: NewObject, choice: ReturnType<typeof sseChoice>, sseInput: SseInput): Promise<ObjectRecord> {
  return storeObject(ctx, bucket, o, () => newDataKey(ctx, bucket, o.key, choice, sseInput));
}

/** What storing an object needs besides its data key: a request's ctx, or a service's own writer (internal.ts). */
export type ObjectWriter = Pick<Ctx, 'tx' | 'dataDir' | 'clock'>;

export async function storeObject(ctx: ObjectWriter & { readonly tx: WriteTx }, bucket: BucketRecord, o: NewObject, dataKey: () => Promise<{ dek: Buffer; sse: ObjectSse }>): Promise<ObjectRecord> {
  const bodyId = newBodyId();
  const { dek, sse } = await dataKey();
  const sealed = sealBody(dek, bucket.name, o.key, bodyId, o.body);
  dek.fill(0);
  await storeBody(ctx.tx, ctx.dataDir, bodyId, sealed);
  const now = ctx.clock.now();
  const versionId = versionIdFor(bucket, now);
  const rec: Omit<ObjectRecord, 'v'> = {
    bucket: bucket.name,
    key: o.key,
    bodyId,
    size: o.body.length,
    etag: `"${md5Hex(o.body)}"`,
    lastModifiedMs: Math.floor(now / 1000) * 1000,
    contentType: o.contentType ?? 'binary/octet-stream',
    headers: o.headers ?? {},
    metadata: o.metadata ?? {},
    checksums: o.checksums ?? {},
    sse,
    ...(o.tags !== undefined && o.tags.length > 0 ? { tags: o.tags } : {}),
    ...(o.acl !== undefined ? { acl: o.acl } : {}),
    ...(versionId !== undefined ? { versionId } : {}),
  };
  await makeCurrent(ctx.tx, bucket, rec);
  return { ...rec, v: 1 };
}

/** The plaintext of an object (KMS-encrypted ones need kms:Decrypt by the caller). */
export async function readPlaintext(ctx: Ctx, bucket: BucketRecord, rec: ObjectRecord, ck?: CustomerKey): Promise<Buffer> {
  return openObject(ctx, rec, await openDataKey(ctx, bucket, rec, ck));
}

export async function openObject(ctx: { readonly tx: ReadTx; readonly dataDir?: string | undefined }, rec: ObjectRecord, dek: Buffer): Promise<Buffer> {
  try {
    const out: Buffer[] = [];
    for (const id of bodyIdsOf(rec)) out.push(openBody(dek, rec.bucket, rec.key, id, await loadBody(ctx.tx, ctx.dataDir, id)));
    return out.length === 1 ? out[0]! : Buffer.concat(out);
  } finally {
    dek.fill(0);
  }
}

/** CloudTrail's SSEApplied for a write (cloudtrail-logging-understanding-s3-entries). */
export function sseApplied(choice: ReturnType<typeof sseChoice>): string {
  if (choice.kind === 'SSE-C') return 'SSE_C';
  if (!choice.fromRequest) return choice.kind === 'AES256' ? 'Default_SSE_S3' : 'Default_SSE_KMS';
  return choice.kind === 'AES256' ? 'SSE_S3' : 'SSE_KMS';
}

/** User metadata as S3 keeps it: names lower-cased. */
export function userMetadata(m: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m ?? {})) out[k.toLowerCase()] = v;
  return out;
}
