/**
 * What GetObject and HeadObject share: finding the object (NoSuchKey only for callers who may
 * list the bucket, else AccessDenied, as S3 does), the conditional headers
 * (RFC 7232 as S3 applies them, API_GetObject) and byte ranges (RFC 7233, one range).
 */
import { AwsError, ProtocolError } from '../../core/errors.js';
import { findVersion } from './versions.js';
import type { ConditionValue, Ctx } from '../../core/operation.js';
import { InvalidRange, MESSAGES, noSuchKey, NotModified, PreconditionFailed } from './errors.js';
import { authorizeS3 } from './names.js';
import { isMarker, readObject, type BucketRecord, type ObjectRecord } from './state.js';
import { existingTagConditions } from './tagging.js';

/**
 * The object (or the named version). `authorizeFirst`, when given, is the operation's own check,
 * run before S3 reveals whether the key or version exists.
 */
export async function findObject(ctx: Ctx, bucket: BucketRecord, key: string, versionId?: string, authorizeFirst?: () => Promise<void>): Promise<ObjectRecord> {
  if (authorizeFirst !== undefined) {
    const probe = versionId !== undefined ? await findVersion(ctx.tx, bucket.name, key, versionId) : await readObject(ctx.tx, bucket.name, key);
    if (probe === undefined || isMarker(probe)) await authorizeFirst();
  }
  if (versionId !== undefined) {
    const v = await findVersion(ctx.tx, bucket.name, key, versionId);
    // unverified: S3's answer to GET of a delete marker by version id is 405 MethodNotAllowed.
    if (v !== undefined && isMarker(v)) throw new ProtocolError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: 'GET', ResourceType: 'DeleteMarker' });
    if (v === undefined) throw new ProtocolError('NoSuchVersion', 'The specified version does not exist.', 404, { Key: key, VersionId: versionId });
    return v;
  }
  const rec = await readObject(ctx.tx, bucket.name, key);
  if (rec !== undefined) return rec;
  // Without s3:ListBucket a missing key is AccessDenied (API_GetObject, Permissions).
  await authorizeS3(ctx, 's3:ListBucket', bucket);
  throw noSuchKey(key);
}

/**
 * The object (or version) an object-level `action` works on: the action is checked before S3
 * reveals whether the key exists (findObject), then again with the object's tags as
 * s3:ExistingObjectTag conditions. `conditions` (e.g. s3:RequestObjectTag) go with both checks.
 */
export async function authorizedObject(
  ctx: Ctx,
  bucket: BucketRecord,
  key: string,
  versionId: string | undefined,
  action: string,
  conditions: Readonly<Record<string, ConditionValue>> = {},
): Promise<ObjectRecord> {
  const rec = await findObject(ctx, bucket, key, versionId, () => authorizeS3(ctx, action, bucket, key, conditions));
  await authorizeS3(ctx, action, bucket, key, { ...existingTagConditions(rec.tags), ...conditions });
  return rec;
}

export interface Conditions {
  readonly IfMatch?: string;
  readonly IfNoneMatch?: string;
  readonly IfModifiedSince?: Date;
  readonly IfUnmodifiedSince?: Date;
}

const etagMatches = (list: string, etag: string): boolean =>
  list.split(',').map((s) => s.trim()).some((t) => t === '*' || t === etag || `"${t}"` === etag || t === `W/${etag}`);

/** Throws PreconditionFailed (412) or NotModified (304) as the headers demand. */
export function checkConditions(c: Conditions, rec: ObjectRecord): void {
  const modifiedSec = Math.floor(rec.lastModifiedMs / 1000);
  const sec = (d: Date) => Math.floor(d.getTime() / 1000);
  if (c.IfMatch !== undefined) {
    if (!etagMatches(c.IfMatch, rec.etag)) throw new PreconditionFailed(MESSAGES.precondition, { Condition: 'If-Match' });
  } else if (c.IfUnmodifiedSince !== undefined && modifiedSec > sec(c.IfUnmodifiedSince)) {
    throw new PreconditionFailed(MESSAGES.precondition, { Condition: 'If-Unmodified-Since' });
  }
  if (c.IfNoneMatch !== undefined) {
    if (etagMatches(c.IfNoneMatch, rec.etag)) throw new NotModified('Not Modified');
  } else if (c.IfModifiedSince !== undefined && modifiedSec <= sec(c.IfModifiedSince)) {
    throw new NotModified('Not Modified');
  }
}

/** [start, end] inclusive for a satisfiable single range, undefined for none or an unreadable header (S3 then sends everything). */
export function parseRange(range: string | undefined, size: number): [number, number] | undefined {
  if (range === undefined) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  if (m === null || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0) throw unsatisfiable(range, size);
    start = Math.max(0, size - n);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return undefined; // syntactically invalid: ignored (RFC 7233 §2.1)
  }
  if (start >= size) throw unsatisfiable(range, size);
  return [start, end];
}

const unsatisfiable = (range: string, size: number): AwsError =>
  new InvalidRange(MESSAGES.invalidRange, { RangeRequested: range, ActualObjectSize: size });
