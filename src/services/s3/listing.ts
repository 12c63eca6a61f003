/**
 * The listing walk of ListObjects and ListObjectsV2 (API_ListObjectsV2): keys in UTF-8 binary
 * order from a start point, grouped into CommonPrefixes at the first delimiter after the prefix,
 * each key or prefix counting once against MaxKeys.
 */
import type { Ctx } from '../../core/operation.js';
import type { ReadTx } from '../../store/store.js';
import { invalidArgument } from './errors.js';
import type { ListObjectsV2Output, ObjectShape } from './model.gen.js';
import { authorizeS3 } from './names.js';
import { scanObjects, type BucketRecord, type ObjectRecord } from './state.js';

export interface ListPage {
  readonly contents: ObjectRecord[];
  readonly prefixes: string[];
  readonly truncated: boolean;
  /** The last key or common prefix returned (the next page starts after it). */
  readonly last?: string;
}

/** Past every key that starts with `p`. */
const beyond = (p: string): string => `${p}\u{10FFFF}`;

export async function listKeys(tx: ReadTx, bucket: string, prefix: string, delimiter: string | undefined, startAfter: string | undefined, maxKeys: number): Promise<ListPage> {
  const contents: ObjectRecord[] = [];
  const prefixes: string[] = [];
  let after = startAfter !== undefined && startAfter >= prefix ? startAfter : undefined;
  let last: string | undefined;
  const done = (truncated: boolean): ListPage => ({ contents, prefixes, truncated, ...(last !== undefined ? { last } : {}) });
  if (maxKeys === 0) return done(false);
  for (;;) {
    const page = await scanObjects(tx, bucket, prefix, after, 1000);
    let jumped = false;
    for (const rec of page) {
      const rest = rec.key.slice(prefix.length);
      const d = delimiter === undefined || delimiter === '' ? -1 : rest.indexOf(delimiter);
      const item = d === -1 ? rec.key : prefix + rest.slice(0, d + delimiter!.length);
      if (d !== -1 && (prefixes[prefixes.length - 1] === item || (after !== undefined && item <= after))) {
        after = rec.key;
        continue;
      }
      if (contents.length + prefixes.length === maxKeys) return done(true);
      if (d === -1) contents.push(rec);
      else prefixes.push(item);
      last = item;
      if (d !== -1) {
        after = beyond(item);
        jumped = true;
        break;
      }
      after = rec.key;
    }
    if (!jumped && page.length < 1000) return done(false);
  }
}

/** MaxKeys: default and ceiling 1,000; negative is InvalidArgument. */
export function maxKeysOf(v: number | undefined): number {
  if (v === undefined) return 1000;
  if (v < 0) throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', String(v)); // unverified wording
  return Math.min(v, 1000);
}

/** EncodingType=url: keys and prefixes percent-encoded (UTF-8), as S3 does for XML-unsafe keys. */
export function urlEncoder(type: string | undefined): (s: string) => string {
  return type === 'url' ? (s) => encodeURIComponent(s).replace(/%2F/g, '/') : (s) => s;
}

export function listedObject(r: ObjectRecord, enc: (s: string) => string, owner: { ID: string } | undefined): ObjectShape {
  return {
    Key: enc(r.key),
    LastModified: new Date(r.lastModifiedMs),
    ETag: r.etag,
    Size: r.size,
    StorageClass: 'STANDARD',
    ...(Object.keys(r.checksums).length > 0 ? { ChecksumAlgorithm: Object.keys(r.checksums) as NonNullable<ObjectShape['ChecksumAlgorithm']>, ChecksumType: 'FULL_OBJECT' as const } : {}),
    ...(owner !== undefined ? { Owner: owner } : {}),
  };
}

/** The request members ListObjects and ListObjectsV2 share. */
export interface ListRequest {
  readonly Prefix?: string;
  readonly Delimiter?: string;
  readonly MaxKeys?: number;
  readonly EncodingType?: ListObjectsV2Output['EncodingType'];
}

export interface ListChecked {
  readonly maxKeys: number;
  readonly prefix: string;
  readonly enc: (s: string) => string;
}

/**
 * What ListObjects and ListObjectsV2 check alike, in this order: s3:ListBucket with its condition
 * keys (s3:prefix, s3:delimiter, s3:max-keys), then MaxKeys, then EncodingType.
 */
export async function checkListRequest(ctx: Ctx, bucket: BucketRecord, input: ListRequest): Promise<ListChecked> {
  await authorizeS3(ctx, 's3:ListBucket', bucket, undefined, {
    ...(input.Prefix !== undefined ? { 's3:prefix': input.Prefix } : {}),
    ...(input.Delimiter !== undefined ? { 's3:delimiter': input.Delimiter } : {}),
    's3:max-keys': String(input.MaxKeys ?? 1000),
  });
  const maxKeys = maxKeysOf(input.MaxKeys);
  if (input.EncodingType !== undefined && input.EncodingType !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', input.EncodingType);
  return { maxKeys, prefix: input.Prefix ?? '', enc: urlEncoder(input.EncodingType) };
}

/** The response members ListObjects and ListObjectsV2 answer alike, from Contents to EncodingType. */
export function listedPage(
  bucket: BucketRecord,
  input: ListRequest,
  checked: ListChecked,
  page: ListPage,
  owner: { ID: string } | undefined,
): Pick<ListObjectsV2Output, 'Contents' | 'Name' | 'Prefix' | 'Delimiter' | 'MaxKeys' | 'CommonPrefixes' | 'EncodingType'> {
  const { enc } = checked;
  return {
    ...(page.contents.length > 0 ? { Contents: page.contents.map((r) => listedObject(r, enc, owner)) } : {}),
    Name: bucket.name,
    Prefix: enc(checked.prefix),
    ...(input.Delimiter !== undefined ? { Delimiter: enc(input.Delimiter) } : {}),
    MaxKeys: checked.maxKeys,
    ...(page.prefixes.length > 0 ? { CommonPrefixes: page.prefixes.map((p) => ({ Prefix: enc(p) })) } : {}),
    ...(input.EncodingType !== undefined ? { EncodingType: input.EncodingType } : {}),
  };
}
