// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html
import { defineOperation } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, canonicalUserId, loadBucket } from '../names.js';
import { checkListRequest, listedPage, listKeys } from '../listing.js';
import { bucketParams } from './audit.js';

type Op = Operations['ListObjects'];

export const listObjects = defineOperation<Op['input'], Op['output']>({
  name: 'ListObjects',
  actions: ['s3:ListBucket'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i, { ...(i.Prefix !== undefined ? { prefix: i.Prefix } : {}), ...(i.Delimiter !== undefined ? { delimiter: i.Delimiter } : {}) }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    const checked = await checkListRequest(ctx, bucket, input);
    let start = input.Marker;
    // A marker that is a common prefix resumes past every key under it.
    if (start !== undefined && input.Delimiter !== undefined && input.Delimiter !== '' && start.endsWith(input.Delimiter)) start = `${start}\u{10FFFF}`;
    const page = await listKeys(ctx.tx, bucket.name, checked.prefix, input.Delimiter, start, checked.maxKeys);
    const { enc } = checked;
    return {
      IsTruncated: page.truncated,
      Marker: enc(input.Marker ?? ''),
      // NextMarker only with a delimiter (API_ListObjects); without one clients use the last key.
      ...(page.truncated && input.Delimiter !== undefined && page.last !== undefined ? { NextMarker: enc(page.last) } : {}),
      ...listedPage(bucket, input, checked, page, { ID: canonicalUserId(bucket.account) }),
    };
  },
});
