/**
 * S3 for other Warden services, in process: a service writing into a customer's bucket as its
 * own service principal, as AWS services do (CloudTrail log delivery: awscloudtrail-s3-bucket-policy-
 * for-cloudtrail). The bucket policy decides: it must allow the service principal the action
 * (`"Principal": {"Service": "cloudtrail.amazonaws.com"}`), with the request's aws:SourceArn,
 * aws:SourceAccount and s3:x-amz-acl as condition keys; an explicit Deny wins; no policy, no access.
 * Objects are encrypted like any other: SSE-S3 under the barrier, or SSE-KMS when the writer
 * names its own key (a trail's KmsKeyId) or the bucket's default encryption is SSE-KMS — the data
 * key then comes from KMS for the service principal itself, as only the key policy allows
 * (kms/internal.ts generateDataKeyAsService), with KMS's event in the key owner's account.
 */
import type { Clock } from '../../core/clock.js';
import type { JobEnv, SealingBarrier } from '../../core/operation.js';
import { WardenBug } from '../../core/errors.js';
import { serviceCtx } from '../../core/service-ctx.js';
import { pooledRandomBytes } from '../../crypto/random.js';
import { decryptDataKeyUnchecked, generateDataKeyAsService, KmsCallFailure, managedKeyId } from '../kms/internal.js';
import { S3_MANAGED_KEY } from './sse.js';
import { decideForService, type ServiceDecision, type ServicePrincipalCall } from '../../iam/service-principal.js';
import type { AuditRecord, ReadTx, WriteTx } from '../../store/store.js';
import { bucketArn, bucketNameProblem, objectArn } from './names.js';
import { openObject, storeObject } from './objects.js';
import { objectPath, readBucket, readObject, type BucketRecord, type ObjectSse } from './state.js';

export type S3RefusalKind = 'NoSuchBucket' | 'AccessDenied' | 'Unsupported' | 'NoSuchKey' | 'KMS';

/** The write or read was refused; `kind` tells why (CloudTrail maps it to its own errors). */
export class S3AccessRefused extends Error {
  constructor(
    readonly kind: S3RefusalKind,
    message: string,
    /** Audit events of the refused attempt (KMS's record of a refused data key), to be written outside its rolled-back transaction. */
    readonly events: readonly AuditRecord[] = [],
  ) {
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
  /** Needed when a write is SSE-KMS (KMS runs in a service context). */
  readonly config?: JobEnv['config'];
}

/** SSE-KMS under the writer's own key (a trail's KmsKeyId). */
export interface ServiceKms {
  /** Any KeyId form, resolved in `account` and `region`. */
  readonly keyId: string;
  readonly account: string;
  readonly region: string;
  /** The encryption context besides `aws:s3:arn`, which S3 adds (CloudTrail: `aws:cloudtrail:arn`). */
  readonly context: Readonly<Record<string, string>>;
}

export type ServiceCall = ServicePrincipalCall;

export interface ServicePut {
  readonly bucket: string;
  readonly key: string;
  readonly body: Uint8Array;
  readonly contentType?: string;
  readonly contentEncoding?: string;
  readonly metadata?: Readonly<Record<string, string>>;
  /** Encrypt with this key instead of the bucket's default. */
  readonly kms?: ServiceKms;
}

/** Whether the bucket policy lets the service principal do `action` on `resource`. */
export function serviceAllowed(bucket: BucketRecord, action: string, resource: string, call: ServiceCall): ServiceDecision {
  return decideForService(bucket.policy, 'resource', 'bucket policy', action, resource, bucket.account, call);
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
  const rule = b.encryption?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
  // The bucket's default SSE-KMS key, or S3's AWS managed key (aws/s3) when the rule names none.
  const kms = put.kms ?? (rule?.SSEAlgorithm === 'aws:kms' ? { keyId: rule.KMSMasterKeyID, account: b.account, region: b.region, context: {} } : undefined);
  const rec = await storeObject(env, b, {
    key: put.key,
    body: put.body,
    ...(put.contentType !== undefined ? { contentType: put.contentType } : {}),
    headers: put.contentEncoding !== undefined ? { ContentEncoding: put.contentEncoding } : {},
    metadata: Object.fromEntries(Object.entries(put.metadata ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
  }, async () => {
    if (kms !== undefined) return kmsDataKey(env, b, put.key, kms, call);
    const dek = pooledRandomBytes(32);
    return { dek, sse: { kind: 'AES256', sealedKey: Buffer.from(env.barrier.seal(objectPath(b.name, put.key), dek)).toString('base64') } };
  });
  return { etag: rec.etag, bucketAccount: b.account };
}

const refuse = (): never => {
  throw new WardenBug('an S3 service write authorizes through the key policy alone');
};

/** A data key from KMS for the service principal itself (the key policy decides); its KMS event joins the write's transaction. */
async function kmsDataKey(env: S3Env, b: BucketRecord, key: string, kms: Omit<ServiceKms, 'keyId'> & { readonly keyId: string | undefined }, call: ServiceCall): Promise<{ dek: Buffer; sse: ObjectSse }> {
  if (env.config === undefined) throw new WardenBug('an SSE-KMS service write needs the config');
  const ctx = serviceCtx({ clock: env.clock, barrier: env.barrier, config: env.config }, env.tx, kms.account, kms.region, { actor: call.service, requestId: 's3-service-write', authorize: refuse, emitEvent: refuse });
  const context = { ...kms.context, 'aws:s3:arn': objectArn(b.name, key) };
  const events: AuditRecord[] = [];
  try {
    const keyRef = kms.keyId ?? (await managedKeyId(ctx, S3_MANAGED_KEY));
    const dk = await generateDataKeyAsService(ctx, keyRef, { ...call, encryptionContext: context }, (e) => events.push(e));
    for (const e of events) env.tx.appendAudit(e);
    return { dek: dk.plaintext, sse: { kind: 'aws:kms', keyArn: dk.keyArn, blob: Buffer.from(dk.blob).toString('base64'), context } };
  } catch (e) {
    if (e instanceof KmsCallFailure) throw new S3AccessRefused('KMS', `KMS refused ${call.service} a data key for ${objectArn(b.name, key)}: ${e.kmsCode}: ${e.message}`, events);
    throw e;
  }
}

/** Reads an object's plaintext without any authorization: for Warden's own tests and tools only. */
export async function readObjectUnchecked(env: Omit<S3Env, 'tx' | 'clock'> & { readonly tx: ReadTx }, bucket: string, key: string): Promise<{ body: Buffer; contentType: string; metadata: Readonly<Record<string, string>> }> {
  const b = await bucketFor(env.tx, bucket);
  const rec = await readObject(env.tx, b.name, key);
  if (rec === undefined) throw new S3AccessRefused('NoSuchKey', `no object ${key} in ${bucket}`);
  if (rec.sse.kind === 'SSE-C') throw new S3AccessRefused('Unsupported', 'SSE-C objects need the customer key; use GetObject');
  let dek: Buffer;
  if (rec.sse.kind === 'AES256') dek = Buffer.from(env.barrier.unseal(objectPath(b.name, key), Buffer.from(rec.sse.sealedKey, 'base64')));
  else {
    // Warden's own tools hold the root key: the data key is opened without KMS's authorization.
    const opened = await decryptDataKeyUnchecked(env, rec.sse.keyArn, Buffer.from(rec.sse.blob, 'base64'), rec.sse.context);
    if (opened === undefined) throw new S3AccessRefused('KMS', `the KMS key ${rec.sse.keyArn} of ${objectArn(bucket, key)} or its material is gone`);
    dek = opened;
  }
  return { body: await openObject(env, rec, dek), contentType: rec.contentType, metadata: rec.metadata };
}
