/**
 * Bucket names, ARNs and the one authorization helper every S3 handler uses: the bucket policy
 * is the resource policy, the resource account is the bucket owner's (S3 ARNs carry no account).
 * Actions and resource types: Service Authorization Reference, list_amazons3.
 */
import { createHash } from 'node:crypto';
import type { ConditionValue, Ctx } from '../../core/operation.js';
import { accountBlock } from './account-block.js';
import { policyFor } from './access-control.js';
import { applyCorsHeaders } from './cors.js';
import { InvalidBucketName, MESSAGES, noSuchBucket } from './errors.js';
import { readBucket, type BucketRecord } from './state.js';

export const bucketArn = (bucket: string): string => `arn:aws:s3:::${bucket}`;
export const objectArn = (bucket: string, key: string): string => `arn:aws:s3:::${bucket}/${key}`;

/** The canonical user id S3 shows as Owner.ID: 64 hex digits, stable per account. */
export const canonicalUserId = (account: string): string => createHash('sha256').update(`warden-canonical-user:${account}`).digest('hex');

const FORBIDDEN_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const FORBIDDEN_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * General purpose bucket naming rules (S3 User Guide, bucketnamingrules): 3–63 characters of
 * a-z 0-9 . -, starting and ending with a letter or digit, no `..`, not an IP address, none of
 * the reserved prefixes and suffixes.
 */
export function bucketNameProblem(name: string): boolean {
  if (name.length < 3 || name.length > 63) return true;
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return true;
  if (name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name)) return true;
  if (FORBIDDEN_PREFIXES.some((p) => name.startsWith(p)) || FORBIDDEN_SUFFIXES.some((s) => name.endsWith(s))) return true;
  return false;
}

export function assertBucketName(name: string): void {
  if (bucketNameProblem(name)) throw new InvalidBucketName(MESSAGES.invalidBucketName, { BucketName: name });
}

/** The bucket a request names; `cors: false` for another bucket it also reads (CopyObject's source). */
export async function loadBucket(ctx: Ctx, name: string, opts: { readonly cors?: boolean } = {}): Promise<BucketRecord> {
  const b = await readBucket(ctx.tx, name);
  if (b === undefined) throw noSuchBucket(name);
  // A request from a browser (Origin) gets the CORS headers of the rule it matches, error or not.
  if (opts.cors !== false) applyCorsHeaders(ctx, b);
  return b;
}

/** ctx.authorize on the bucket (key undefined) or one of its objects, under the bucket policy. */
export async function authorizeS3(ctx: Ctx, action: string, bucket: BucketRecord, key?: string, conditions: Readonly<Record<string, ConditionValue>> = {}): Promise<void> {
  // RestrictPublicBuckets (the bucket's or its owner account's): public statements grant nothing
  // outside the owner's account. The account's settings are read only when they can matter.
  const outside = bucket.policy !== undefined && ctx.principal.account !== bucket.account;
  const policy = policyFor(bucket, ctx.principal.account, outside ? await accountBlock(ctx.tx, bucket.account) : undefined);
  await ctx.authorize({
    action,
    resource: key === undefined ? bucketArn(bucket.name) : objectArn(bucket.name, key),
    ...(policy !== undefined ? { resourcePolicy: policy } : {}),
    conditions: { 'aws:ResourceAccount': bucket.account, ...conditions },
  });
}

/** The CloudTrail resources of a bucket operation. */
export function auditBucket(ctx: Ctx, bucket: { name: string; account?: string }): void {
  ctx.audit.addResource(bucketArn(bucket.name), 'AWS::S3::Bucket', bucket.account);
}

/** The CloudTrail resources of an object operation (data event): the object and its bucket. */
export function auditObject(ctx: Ctx, bucket: BucketRecord, key: string): void {
  ctx.audit.addResource(objectArn(bucket.name, key), 'AWS::S3::Object', bucket.account);
  ctx.audit.addResource(bucketArn(bucket.name), 'AWS::S3::Bucket', bucket.account);
}
