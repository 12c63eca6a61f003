// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
import { defineOperation } from '../../../core/operation.js';
import { invalidArgument } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { auditBucket, canonicalUserId, loadBucket } from '../names.js';
import { checkListRequest, listedPage, listKeys } from '../listing.js';
import { bucketParams } from './audit.js';

type Op = Operations['ListObjectsV2'];

const token = (last: string, isPrefix: boolean): string => Buffer.from(JSON.stringify({ a: last, p: isPrefix }), 'utf8').toString('base64');
function untoken(t: string): string {
  try {
    const v = JSON.parse(Buffer.from(t, 'base64').toString('utf8')) as { a?: unknown; p?: unknown };
    if (typeof v.a !== 'string') throw new Error('token');
    return v.p === true ? `${v.a}\u{10FFFF}` : v.a;
  } catch {
    throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', t);
  }
}

export const listObjectsV2 = defineOperation<Op['input'], Op['output']>({
  name: 'ListObjectsV2',
  actions: ['s3:ListBucket'],
  readOnly: true,
  audit: { request: (i) => bucketParams(i, { 'list-type': '2', ...(i.Prefix !== undefined ? { prefix: i.Prefix } : {}), ...(i.Delimiter !== undefined ? { delimiter: i.Delimiter } : {}) }) },
  async handler(input, ctx) {
    const bucket = await loadBucket(ctx, input.Bucket);
    auditBucket(ctx, bucket);
    const checked = await checkListRequest(ctx, bucket, input);
    const start = input.ContinuationToken !== undefined ? untoken(input.ContinuationToken) : input.StartAfter;
    const page = await listKeys(ctx.tx, bucket.name, checked.prefix, input.Delimiter, start, checked.maxKeys);
    const owner = input.FetchOwner === true ? { ID: canonicalUserId(bucket.account) } : undefined;
    return {
      IsTruncated: page.truncated,
      ...listedPage(bucket, input, checked, page, owner),
      KeyCount: page.contents.length + page.prefixes.length,
      ...(input.ContinuationToken !== undefined ? { ContinuationToken: input.ContinuationToken } : {}),
      ...(page.truncated && page.last !== undefined ? { NextContinuationToken: token(page.last, page.prefixes[page.prefixes.length - 1] === page.last) } : {}),
      ...(input.StartAfter !== undefined ? { StartAfter: checked.enc(input.StartAfter) } : {}),
    };
  },
});
