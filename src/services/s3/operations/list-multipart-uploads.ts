// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, authorizeS3, canonicalUserId, loadBucket } from '../names.js';
import { uploadsOf } from '../state.js';
import { bucketParams } from './audit.js';
import { urlEncoder } from '../listing.js';

type Op = Operations['ListMultipartUploads'];

export const listMultipartUploads = defineOperation<Op['input'], Op['output']>({
  name: 'ListMultipartUploads',
  actions: ['s3:ListBucketMultipartUploads'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i, { uploads: '' }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    await authorizeS3(ctx, 's3:ListBucketMultipartUploads', bucket);
    const max = Math.min(Math.max(input.MaxUploads ?? 1000, 0), 1000);
    const prefix = input.Prefix ?? '';
    const enc = urlEncoder(input.EncodingType);
    // Differs from AWS: Delimiter is not applied; uploads sort by key, then initiation time.
    const all = (await uploadsOf(ctx.tx, bucket.name))
      .filter((u) => u.key.startsWith(prefix))
      .filter((u) => input.KeyMarker === undefined || u.key > input.KeyMarker || (u.key === input.KeyMarker && input.UploadIdMarker !== undefined && u.uploadId > input.UploadIdMarker))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.initiatedMs - b.initiatedMs));
    const page = all.slice(0, max);
    const truncated = all.length > max;
    const last = page[page.length - 1];
    const owner = { ID: canonicalUserId(bucket.account) };
    return {
      Bucket: bucket.name,
      KeyMarker: input.KeyMarker ?? '',
      UploadIdMarker: input.UploadIdMarker ?? '',
      ...(truncated && last !== undefined ? { NextKeyMarker: enc(last.key), NextUploadIdMarker: last.uploadId } : {}),
      Prefix: enc(prefix),
      MaxUploads: max,
      IsTruncated: truncated,
      ...(page.length > 0 ? {
        Uploads: page.map((u) => ({ UploadId: u.uploadId, Key: enc(u.key), Initiated: new Date(u.initiatedMs), StorageClass: 'STANDARD' as const, Owner: owner, Initiator: { ID: u.initiator } })),
      } : {}),
      ...(input.EncodingType !== undefined ? { EncodingType: input.EncodingType } : {}),
    };
  },
});
