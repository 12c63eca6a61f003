/**
 * What CopyObject and UploadPartCopy share about their source beyond its name (parseCopySource,
 * copy-object.ts): the x-amz-copy-source-if-* conditions and, for UploadPartCopy, the
 * x-amz-copy-source-range. https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html
 */
import { invalidArgument, MESSAGES, PreconditionFailed } from './errors.js';
import type { ObjectRecord } from './state.js';

export interface CopySourceConditions {
  readonly CopySourceIfMatch?: string;
  readonly CopySourceIfNoneMatch?: string;
  readonly CopySourceIfModifiedSince?: Date;
  readonly CopySourceIfUnmodifiedSince?: Date;
}

const etagMatches = (list: string, etag: string): boolean => list.split(',').map((s) => s.trim()).some((t) => t === '*' || t === etag || `"${t}"` === etag);
const failed = (condition: string): PreconditionFailed => new PreconditionFailed(MESSAGES.precondition, { Condition: condition }); // unverified: Condition spelling

/**
 * Every failing condition is 412 PreconditionFailed (never 304 as for GetObject). As the API
 * reference spells out: if-match true makes if-unmodified-since irrelevant (the copy goes ahead),
 * and if-none-match false fails whatever if-modified-since says.
 */
export function checkCopySourceConditions(c: CopySourceConditions, rec: ObjectRecord): void {
  const modifiedSec = Math.floor(rec.lastModifiedMs / 1000);
  const sec = (d: Date): number => Math.floor(d.getTime() / 1000);
  if (c.CopySourceIfMatch !== undefined) {
    if (!etagMatches(c.CopySourceIfMatch, rec.etag)) throw failed('x-amz-copy-source-If-Match');
  } else if (c.CopySourceIfUnmodifiedSince !== undefined && modifiedSec > sec(c.CopySourceIfUnmodifiedSince)) {
    throw failed('x-amz-copy-source-If-Unmodified-Since');
  }
  if (c.CopySourceIfNoneMatch !== undefined) {
    if (etagMatches(c.CopySourceIfNoneMatch, rec.etag)) throw failed('x-amz-copy-source-If-None-Match');
  } else if (c.CopySourceIfModifiedSince !== undefined && modifiedSec <= sec(c.CopySourceIfModifiedSince)) {
    throw failed('x-amz-copy-source-If-Modified-Since');
  }
}

/** S3's answer to a range not of the form `bytes=first-last` (as S3 sends it, gaul/s3proxy#304, versity/versitygw#1122). */
const RANGE_FORM = 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy';

/**
 * `bytes=first-last` (both required, inclusive, zero-based) → [first, last]; no header → the
 * whole object. A range past the end of the source is InvalidArgument "Range specified is not
 * valid for source object of size: N" (S3's answer, versity/versitygw#610).
 */
export function parseCopySourceRange(range: string | undefined, size: number): [number, number] | undefined {
  if (range === undefined) return undefined;
  const m = /^bytes=(\d+)-(\d+)$/.exec(range);
  // unverified: that first > last is answered like a malformed range.
  if (m === null || Number(m[1]) > Number(m[2])) throw invalidArgument(RANGE_FORM, 'x-amz-copy-source-range', range);
  const first = Number(m[1]);
  const last = Number(m[2]);
  // unverified: ArgumentName/ArgumentValue of this error.
  if (last >= size) throw invalidArgument(`Range specified is not valid for source object of size: ${size}`, 'x-amz-copy-source-range', range);
  return [first, last];
}
