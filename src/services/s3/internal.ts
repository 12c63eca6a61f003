/**
 * S3 for other Warden services, in process: a service writing into a customer's bucket as its
 * own service principal, as AWS services do (CloudTrail log delivery: awscloudtrail-s3-bucket-policy-
 * for-cloudtrail). The bucket policy decides: it must allow the service principal the action
 * (`"Principal": {"Service": "cloudtrail.amazonaws.com"}`), with the request's aws:SourceArn,
 * aws:SourceAccount and s3:x-amz-acl as condition keys; an explicit Deny wins; no policy, no access.
 * Objects are encrypted like any other (SSE-S3 under the barrier).
 *
 * Not yet: buckets whose default encryption is SSE-KMS (the service would need kms:GenerateDataKey
 * on its own behalf) — refused with kind 'Unsupported'.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { ConditionValue, SealingBarrier } from '../../core/operation.js';
import { compileText } from '../../iam/policy/compile.js';
import type { EvalContext } from '../../iam/policy/eval-context.js';
import type { ReadTx, WriteTx } from '../../store/store.js';
import { bucketArn, bucketNameProblem, objectArn } from './names.js';
import { openObject, storeObject } from './objects.js';
import { objectPath, readBucket, readObject, type BucketRecord } from './state.js';

export type S3RefusalKind = 'NoSuchBucket' | 'AccessDenied' | 'Unsupported' | 'NoSuchKey';

/** The write or read was refused; `kind` tells why (CloudTrail maps it to its own errors). */
export class S3AccessRefused extends Error {
  constructor(readonly kind: S3RefusalKind, message: string) {
    super(message);
    this.name = 'S3AccessRefused';
  }
}

/** What a writer needs: the transaction it commits with, the data dir (undefined in memory), clock and barrier. */
export interface S3Env {
  readonly tx: WriteTx;
  readonly dataDir: string | undefined;
  readonly clock: Clock;
  readonly barrier: SealingBarrier;
}

export interface ServiceCall {
  /** The service principal, e.g. `cloudtrail.amazonaws.com`. */
  readonly service: string;
  /** aws:SourceArn, e.g. the trail's ARN. */
  readonly sourceArn?: string;
  /** aws:SourceAccount. */
  readonly sourceAccount?: string;
  /** Further condition keys of the request (e.g. `s3:x-amz-acl`). */
  readonly conditions?: Readonly<Record<string, ConditionValue>>;
}

export interface ServicePut {
  readonly bucket: string;
  readonly key: string;
  readonly body: Uint8Array;
  readonly contentType?: string;
  readonly contentEncoding?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

/** Whether the bucket policy lets the service principal do `action` on `resource`. */
export function serviceAllowed(bucket: BucketRecord, action: string, resource: string, call: ServiceCall): { allowed: boolean; reason: string } {
  if (bucket.policy === undefined) return { allowed: false, reason: 'the bucket has no bucket policy' };
  const values = new Map<string, ConditionValue>();
  values.set('aws:principalisawsservice', 'true');
  values.set('aws:principalservicename', call.service);
  values.set('aws:resourceaccount', bucket.account);
  if (call.sourceArn !== undefined) values.set('aws:sourcearn', call.sourceArn);
  if (call.sourceAccount !== undefined) values.set('aws:sourceaccount', call.sourceAccount);
  for (const [k, v] of Object.entries(call.conditions ?? {})) values.set(k.toLowerCase(), v);
  const ctx: EvalContext = {
    actionLower: action.toLowerCase(),
    resource,
    // A service principal has no ARN an "AWS" principal entry could name.
    principal: { type: 'Root', arn: `service:${call.service}`, account: '', accountArn: '', service: call.service },
    lookup: (k) => values.get(k),
    noteMissing: () => undefined,
  };
  let allowed = false;
  for (const s of compileText(bucket.policy, 'resource').statements) {
    if (s.match(ctx) === undefined) continue;
    if (s.effect === 'Deny') return { allowed: false, reason: `explicitly denied by statement ${s.sid ?? s.index} of the bucket policy` };
    allowed = true;
  }
  return allowed ? { allowed, reason: 'allowed by the bucket policy' } : { allowed: false, reason: 'no statement of the bucket policy allows it' };
}

async function bucketFor(tx: ReadTx, name: string): Promise<BucketRecord> {
  const b = bucketNameProblem(name) ? undefined : await readBucket(tx, name);
  if (b === undefined) throw new S3AccessRefused('NoSuchBucket', `The specified bucket does not exist: ${name}`);
  return b;
}

/** Checks a bucket-level action for the service (CloudTrail checks s3:GetBucketAcl before delivering). */
export async function checkBucketAccessAs(tx: ReadTx, bucket: string, action: string, call: ServiceCall): Promise<BucketRecord> {
  const b = await bucketFor(tx, bucket);
  const d = serviceAllowed(b, action, bucketArn(bucket), call);
  if (!d.allowed) throw new S3AccessRefused('AccessDenied', `${call.service} may not perform ${action} on ${bucketArn(bucket)}: ${d.reason}`);
  return b;
}

/**
 * Writes an object as `call.service` (s3:PutObject under the bucket policy), encrypted with
 * SSE-S3, durable before `env.tx` commits. Returns the object's ETag (quoted).
 */
export async function putObjectAs(env: S3Env, put: ServicePut, call: ServiceCall): Promise<{ etag: string; bucketAccount: string }> {
  const b = await bucketFor(env.tx, put.bucket);
  const d = serviceAllowed(b, 's3:PutObject', objectArn(put.bucket, put.key), call);
  if (!d.allowed) throw new S3AccessRefused('AccessDenied', `${call.service} may not perform s3:PutObject on ${objectArn(put.bucket, put.key)}: ${d.reason}`);
  if (b.encryption?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm === 'aws:kms') {
    throw new S3AccessRefused('Unsupported', `bucket ${put.bucket} defaults to SSE-KMS, which Warden's service deliveries do not support yet`);
  }
  const rec = await storeObject(env, b, {
    key: put.key,
    body: put.body,
    ...(put.contentType !== undefined ? { contentType: put.contentType } : {}),
    headers: put.contentEncoding !== undefined ? { ContentEncoding: put.contentEncoding } : {},
    metadata: Object.fromEntries(Object.entries(put.metadata ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  }, async () => {
    const dek = randomBytes(32);
    return { dek, sse: { kind: 'AES256', sealedKey: Buffer.from(env.barrier.seal(objectPath(b.name, put.key), dek)).toString('base64') } };
  });
  return { etag: rec.etag, bucketAccount: b.account };
}

/** Reads an object's plaintext without any authorization: for Warden's own tests and tools only. */
export async function readObjectUnchecked(env: Omit<S3Env, 'tx' | 'clock'> & { readonly tx: ReadTx }, bucket: string, key: string): Promise<{ body: Buffer; contentType: string; metadata: Readonly<Record<string, string>> }> {
  const b = await bucketFor(env.tx, bucket);
  const rec = await readObject(env.tx, b.name, key);
  if (rec === undefined) throw new S3AccessRefused('NoSuchKey', `no object ${key} in ${bucket}`);
  if (rec.sse.kind !== 'AES256') throw new S3AccessRefused('Unsupported', rec.sse.kind === 'SSE-C' ? 'SSE-C objects need the customer key; use GetObject' : 'SSE-KMS objects need a caller with kms:Decrypt; use GetObject');
  const dek = Buffer.from(env.barrier.unseal(objectPath(b.name, key), Buffer.from(rec.sse.sealedKey, 'base64')));
  return { body: await openObject(env, rec, dek), contentType: rec.contentType, metadata: rec.metadata };
}
