// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html
import { defineOperation } from '../../../core/operation.js';
import { invalidArgument } from '../errors.js';
import type { Operations, ObjectShape } from '../model.gen.js';
import { auditBucket, authorizeS3, canonicalUserId, loadBucket } from '../names.js';
import { listKeys } from '../listing.js';
import type { ObjectRecord } from '../state.js';
import { bucketParams } from './audit.js';

type Op = Operations['ListObjects'];

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

export const listObjects = defineOperation<Op['input'], Op['output']>({
  name: 'ListObjects',
  actions: ['s3:ListBucket'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i, { ...(i.Prefix !== undefined ? { prefix: i.Prefix } : {}), ...(i.Delimiter !== undefined ? { delimiter: i.Delimiter } : {}) }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:ListBucket', bucket, undefined, {
      ...(input.Prefix !== undefined ? { 's3:prefix': input.Prefix } : {}),
      ...(input.Delimiter !== undefined ? { 's3:delimiter': input.Delimiter } : {}),
      's3:max-keys': String(input.MaxKeys ?? 1000),
    });
    const maxKeys = maxKeysOf(input.MaxKeys);
    if (input.EncodingType !== undefined && input.EncodingType !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', input.EncodingType);
    const prefix = input.Prefix ?? '';
    let start = input.Marker;
    // A marker that is a common prefix resumes past every key under it.
    if (start !== undefined && input.Delimiter !== undefined && input.Delimiter !== '' && start.endsWith(input.Delimiter)) start = `${start}\u{10FFFF}`;
    const page = await listKeys(ctx.tx, bucket.name, prefix, input.Delimiter, start, maxKeys);
    const enc = urlEncoder(input.EncodingType);
    const owner = { ID: canonicalUserId(bucket.account) };
    return {
      IsTruncated: page.truncated,
      Marker: enc(input.Marker ?? ''),
      // NextMarker only with a delimiter (API_ListObjects); without one clients use the last key.
      ...(page.truncated && input.Delimiter !== undefined && page.last !== undefined ? { NextMarker: enc(page.last) } : {}),
      ...(page.contents.length > 0 ? { Contents: page.contents.map((r) => listedObject(r, enc, owner)) } : {}),
      Name: bucket.name,
      Prefix: enc(prefix),
      ...(input.Delimiter !== undefined ? { Delimiter: enc(input.Delimiter) } : {}),
      MaxKeys: maxKeys,
      ...(page.prefixes.length > 0 ? { CommonPrefixes: page.prefixes.map((p) => ({ Prefix: enc(p) })) } : {}),
      ...(input.EncodingType !== undefined ? { EncodingType: input.EncodingType } : {}),
    };
  },
});
