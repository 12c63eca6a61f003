// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html
import { defineOperation } from '../../../core/operation.js';
import type { DeleteMarkerEntry, ObjectVersion, Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, canonicalUserId, loadBucket } from '../names.js';
import { isMarker, scanObjects, versionsWithPrefix, type VersionRow } from '../state.js';
import { bucketParams } from './audit.js';
import { maxKeysOf, urlEncoder } from '../listing.js';

type Op = Operations['ListObjectVersions'];

export const listObjectVersions = defineOperation<Op['input'], Op['output']>({
  name: 'ListObjectVersions',
  actions: ['s3:ListBucketVersions'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i, { versions: '', ...(i.Prefix !== undefined ? { prefix: i.Prefix } : {}) }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:ListBucketVersions', bucket, undefined, input.Prefix !== undefined ? { 's3:prefix': input.Prefix } : {});
    const maxKeys = maxKeysOf(input.MaxKeys);
    const prefix = input.Prefix ?? '';
    const enc = urlEncoder(input.EncodingType);
    // Differs from AWS: the whole prefix is read per call (no index of versions yet); Delimiter is not applied.
    const byKey = new Map<string, { latest: boolean; row: VersionRow }[]>();
    for (const cur of await scanObjects(ctx.tx, bucket.name, prefix, undefined, 1_000_000)) byKey.set(cur.key, [{ latest: true, row: cur }]);
    for (const row of await versionsWithPrefix(ctx.tx, bucket.name, prefix)) {
      const list = byKey.get(row.key) ?? [];
      list.push({ latest: list.length === 0, row });
      byKey.set(row.key, list);
    }
    const keys = [...byKey.keys()].filter((k) => input.KeyMarker === undefined || k > input.KeyMarker).sort();
    const versions: ObjectVersion[] = [];
    const markers: DeleteMarkerEntry[] = [];
    const owner = { ID: canonicalUserId(bucket.account) };
    let count = 0;
    let truncated = false;
    let last: { key: string; versionId: string } | undefined;
    outer: for (const k of keys) {
      for (const { latest, row } of byKey.get(k)!) {
        if (count === maxKeys) {
          truncated = true;
          break outer;
        }
        const versionId = row.versionId ?? 'null';
        const common = { Key: enc(k), VersionId: versionId, IsLatest: latest, LastModified: new Date(row.lastModifiedMs), Owner: owner };
        if (isMarker(row)) markers.push(common);
        else versions.push({ ...common, ETag: row.etag, Size: row.size, StorageClass: 'STANDARD' });
        count++;
        last = { key: k, versionId };
      }
    }
    return {
      IsTruncated: truncated,
      KeyMarker: input.KeyMarker ?? '',
      VersionIdMarker: input.VersionIdMarker ?? '',
      ...(truncated && last !== undefined ? { NextKeyMarker: enc(last.key), NextVersionIdMarker: last.versionId } : {}),
      ...(versions.length > 0 ? { Versions: versions } : {}),
      ...(markers.length > 0 ? { DeleteMarkers: markers } : {}),
      Name: bucket.name,
      Prefix: enc(prefix),
      MaxKeys: maxKeys,
      ...(input.EncodingType !== undefined ? { EncodingType: input.EncodingType } : {}),
    };
  },
});
