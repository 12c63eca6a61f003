/**
 * S3's stored records and their storage keys (built here only). Bucket names are global across
 * accounts and Regions, so S3 rows live under `s3/global/global/`:
 *
 *   s3/global/global/bucket/<name>            BucketRecord
 *   s3/global/global/object/<bucket>/<key>    ObjectRecord (metadata; never the body)
 *   s3/global/global/version/<bucket>/<key>\0<versionId>   noncurrent versions and delete markers
 *                                             (versioned buckets), newest first per key
 *   s3/global/global/upload/<uploadId>        UploadRecord (a multipart upload in progress)
 *   s3/global/global/part/<uploadId>/<nnnnn>  PartRecord
 *   s3/global/global/body/<bodyId>            memory mode: the sealed body; on disk: a reference
 *                                             that keeps the body file from the sweeper
 *
 * Object bodies are encrypted (bodies.ts); records hold only the sealed data key.
 */
import { WardenBug } from '../../core/errors.js';
import type { ReadTx, WriteTx } from '../../store/store.js';
import type { CORSRule, Grant, ObjectOwnership, PublicAccessBlockConfiguration, ServerSideEncryptionConfiguration, Tag } from './model.gen.js';

const CODEC_VERSION = 1;
const ROOT = 's3/global/global/';

export interface BucketRecord {
  readonly v: typeof CODEC_VERSION;
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly createdMs: number;
  readonly policy?: string;
  /** Absent: AWS's default since January 2023, SSE-S3 (AES256). */
  readonly encryption?: ServerSideEncryptionConfiguration;
  readonly versioning?: 'Enabled' | 'Suspended';
  readonly tags?: readonly Tag[];
  /**
   * S3 Object Ownership. New buckets get BucketOwnerEnforced (AWS's default since April 2023);
   * absent: no ownership controls (deleted, or a bucket from before), which S3 treats as ObjectWriter.
   */
  readonly ownership?: ObjectOwnership;
  /** The bucket's Block Public Access settings; absent: none. */
  readonly publicAccessBlock?: PublicAccessBlockConfiguration;
  /** The bucket's CORS rules; absent: no CORS configuration. */
  readonly cors?: readonly CORSRule[];
  /** The bucket ACL a request set while ACLs were enabled; absent: the owner's FULL_CONTROL. */
  readonly acl?: readonly Grant[];
}

export type ObjectSse =
  | { readonly kind: 'AES256'; /** base64: the data key sealed by the barrier, AAD = the object's storage key. */ readonly sealedKey: string }
  | { readonly kind: 'aws:kms'; readonly keyArn: string; /** base64 KMS ciphertext blob of the data key. */ readonly blob: string; readonly context: Readonly<Record<string, string>>; readonly bucketKeyEnabled?: boolean }
  /** SSE-C: the body is sealed under the caller's key, never stored; only a salted HMAC-SHA256 of it (base64) to check later requests. */
  | { readonly kind: 'SSE-C'; readonly keyMD5: string; readonly salt: string; readonly hmac: string };

export interface ObjectRecord {
  readonly v: typeof CODEC_VERSION;
  readonly bucket: string;
  readonly key: string;
  readonly bodyId: string;
  readonly size: number;
  /** Quoted, as S3 sends it. */
  readonly etag: string;
  readonly lastModifiedMs: number;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly metadata: Readonly<Record<string, string>>;
  /** Checksums the caller sent and S3 verified, by algorithm (CRC32, CRC32C, SHA1, SHA256). */
  readonly checksums: Readonly<Record<string, string>>;
  readonly sse: ObjectSse;
  readonly versionId?: string;
  readonly tags?: readonly Tag[];
  /** The object ACL a request set while the bucket's ACLs were enabled; absent: the bucket owner's FULL_CONTROL. */
  readonly acl?: readonly Grant[];
  /** A multipart object: its parts' bodies in order (bodyId is then the first), all under the one data key. */
  readonly parts?: readonly { readonly bodyId: string; readonly size: number }[];
}

/** Every body an object's data lives in. */
export const bodyIdsOf = (rec: ObjectRecord): readonly string[] => (rec.parts !== undefined ? rec.parts.map((p) => p.bodyId) : [rec.bodyId]);

export interface UploadRecord {
  readonly v: typeof CODEC_VERSION;
  readonly uploadId: string;
  readonly bucket: string;
  readonly key: string;
  readonly initiatedMs: number;
  readonly initiator: string;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly metadata: Readonly<Record<string, string>>;
  /** The data key of the object to be: sealed by the barrier under the upload's storage key, or KMS's blob. */
  readonly sse: ObjectSse;
  readonly sseApplied: string;
}

export interface PartRecord {
  readonly v: typeof CODEC_VERSION;
  readonly partNumber: number;
  readonly bodyId: string;
  readonly size: number;
  readonly etag: string;
  /** MD5 of the part, hex: the multipart ETag is the MD5 of these digests. */
  readonly md5: string;
  readonly lastModifiedMs: number;
  readonly checksums: Readonly<Record<string, string>>;
}

export const bucketPath = (name: string): string => `${ROOT}bucket/${name}`;
export const objectPrefix = (bucket: string): string => `${ROOT}object/${bucket}/`;
export const objectPath = (bucket: string, key: string): string => `${objectPrefix(bucket)}${key}`;
export const bodyPath = (bodyId: string): string => `${ROOT}body/${bodyId}`;
export const BODY_PREFIX = `${ROOT}body/`;

const enc = (v: unknown): Uint8Array => Buffer.from(JSON.stringify(v), 'utf8');
function dec<T extends { v: number }>(value: Uint8Array, what: string): T {
  const r = JSON.parse(Buffer.from(value).toString('utf8')) as T;
  if (r.v !== CODEC_VERSION) throw new WardenBug(`${what} record has codec version ${r.v}`);
  return r;
}

export async function readBucket(tx: ReadTx, name: string): Promise<BucketRecord | undefined> {
  const e = await tx.get(bucketPath(name));
  return e === undefined ? undefined : dec<BucketRecord>(e.value, 'bucket');
}

export function writeBucket(tx: WriteTx, rec: Omit<BucketRecord, 'v'>): void {
  tx.put(bucketPath(rec.name), enc({ ...rec, v: CODEC_VERSION }));
}

export async function allBuckets(tx: ReadTx): Promise<BucketRecord[]> {
  const out: BucketRecord[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await tx.scan(`${ROOT}bucket/`, { ...(after !== undefined ? { after } : {}), limit: 1000 });
    for (const e of page) out.push(dec<BucketRecord>(e.value, 'bucket'));
    if (page.length < 1000) return out;
    after = page[page.length - 1]!.key;
  }
}

export async function readObject(tx: ReadTx, bucket: string, key: string): Promise<ObjectRecord | undefined> {
  const e = await tx.get(objectPath(bucket, key));
  return e === undefined ? undefined : dec<ObjectRecord>(e.value, 'object');
}

export function writeObject(tx: WriteTx, rec: Omit<ObjectRecord, 'v'>): void {
  tx.put(objectPath(rec.bucket, rec.key), enc({ ...rec, v: CODEC_VERSION }));
}

export function deleteObjectRow(tx: WriteTx, bucket: string, key: string): void {
  tx.delete(objectPath(bucket, key));
}

/** Objects of `bucket` whose key starts with `prefix`, in key order, after the key `after`. */
export async function scanObjects(tx: ReadTx, bucket: string, prefix: string, after: string | undefined, limit: number): Promise<ObjectRecord[]> {
  const base = objectPrefix(bucket);
  const page = await tx.scan(base + prefix, { ...(after !== undefined ? { after: base + after } : {}), limit });
  return page.map((e) => dec<ObjectRecord>(e.value, 'object'));
}

export async function bucketIsEmpty(tx: ReadTx, bucket: string): Promise<boolean> {
  return (await tx.scan(objectPrefix(bucket), { limit: 1 })).length === 0 && (await tx.scan(`${ROOT}version/${bucket}/`, { limit: 1 })).length === 0;
}

export const uploadPath = (uploadId: string): string => `${ROOT}upload/${uploadId}`;
const partPrefix = (uploadId: string): string => `${ROOT}part/${uploadId}/`;
export const partPath = (uploadId: string, n: number): string => `${partPrefix(uploadId)}${String(n).padStart(5, '0')}`;

export async function readUpload(tx: ReadTx, uploadId: string): Promise<UploadRecord | undefined> {
  const e = await tx.get(uploadPath(uploadId));
  return e === undefined ? undefined : dec<UploadRecord>(e.value, 'upload');
}

export function writeUpload(tx: WriteTx, rec: Omit<UploadRecord, 'v'>): void {
  tx.put(uploadPath(rec.uploadId), enc({ ...rec, v: CODEC_VERSION }));
}

export async function readParts(tx: ReadTx, uploadId: string): Promise<PartRecord[]> {
  return (await tx.scan(partPrefix(uploadId))).map((e) => dec<PartRecord>(e.value, 'part'));
}

export async function readPart(tx: ReadTx, uploadId: string, n: number): Promise<PartRecord | undefined> {
  const e = await tx.get(partPath(uploadId, n));
  return e === undefined ? undefined : dec<PartRecord>(e.value, 'part');
}

export function writePart(tx: WriteTx, uploadId: string, rec: Omit<PartRecord, 'v'>): void {
  tx.put(partPath(uploadId, rec.partNumber), enc({ ...rec, v: CODEC_VERSION }));
}

/** Removes an upload and its part rows (bodies are the caller's to keep or drop). */
export async function deleteUpload(tx: WriteTx, uploadId: string): Promise<void> {
  for (const e of await tx.scan(partPrefix(uploadId))) tx.delete(e.key);
  tx.delete(uploadPath(uploadId));
}

/** A delete marker (versioned buckets). */
export interface DeleteMarkerRecord {
  readonly v: typeof CODEC_VERSION;
  readonly marker: true;
  readonly bucket: string;
  readonly key: string;
  readonly versionId: string;
  readonly lastModifiedMs: number;
}
export type VersionRow = ObjectRecord | DeleteMarkerRecord;
export const isMarker = (r: VersionRow): r is DeleteMarkerRecord => (r as DeleteMarkerRecord).marker === true;

const versionPrefix = (bucket: string): string => `${ROOT}version/${bucket}/`;
const versionPath = (bucket: string, key: string, versionId: string): string => `${versionPrefix(bucket)}${key}\0${versionId}`;

export async function readVersion(tx: ReadTx, bucket: string, key: string, versionId: string): Promise<VersionRow | undefined> {
  const e = await tx.get(versionPath(bucket, key, versionId));
  return e === undefined ? undefined : dec<VersionRow>(e.value, 'version');
}

export function writeVersion(tx: WriteTx, rec: VersionRow): void {
  tx.put(versionPath(rec.bucket, rec.key, rec.versionId ?? 'null'), enc(rec));
}

export function deleteVersionRow(tx: WriteTx, bucket: string, key: string, versionId: string): void {
  tx.delete(versionPath(bucket, key, versionId));
}

/** The noncurrent versions and markers of one key, newest first. */
export async function versionsOfKey(tx: ReadTx, bucket: string, key: string): Promise<VersionRow[]> {
  return (await tx.scan(`${versionPrefix(bucket)}${key}\0`)).map((e) => dec<VersionRow>(e.value, 'version'));
}

/** Every noncurrent version and marker of the bucket whose key starts with `prefix`, by key then newest first. */
export async function versionsWithPrefix(tx: ReadTx, bucket: string, prefix: string): Promise<VersionRow[]> {
  return (await tx.scan(versionPrefix(bucket) + prefix)).map((e) => dec<VersionRow>(e.value, 'version'));
}

/** Every multipart upload in progress in `bucket`. */
export async function uploadsOf(tx: ReadTx, bucket: string): Promise<UploadRecord[]> {
  return (await tx.scan(`${ROOT}upload/`)).map((e) => dec<UploadRecord>(e.value, 'upload')).filter((u) => u.bucket === bucket);
}
