/**
 * Where trail delivery writes, and what CreateTrail/UpdateTrail check about the bucket. Warden's
 * S3 implements both (src/services/s3/service-access.ts); the registry installs them with
 * `setTrailObjectSink` and `setTrailBucketCheck`, so this service does not import S3. Without
 * them (unit tests of delivery that pass their own sink) delivery fails and nothing is checked.
 */
import type { JobEnv } from '../../core/operation.js';
import type { ReadTx } from '../../store/store.js';
import type { TrailObjectReader } from '../../audit/trail-validate.js';

/** What CloudTrail writes as: the request S3's bucket policy is evaluated for. */
export interface TrailServiceCall {
  /** `cloudtrail.amazonaws.com`. */
  readonly service: string;
  /** aws:SourceArn: the trail's ARN. */
  readonly sourceArn: string;
  /** aws:SourceAccount: the trail's account. */
  readonly sourceAccount: string;
  /** Further request condition keys (CloudTrail writes with s3:x-amz-acl bucket-owner-full-control). */
  readonly conditions?: Readonly<Record<string, string>>;
  /**
   * SSE-KMS under the trail's key (KmsKeyId, a key ARN in the trail's account and Region) with
   * `aws:cloudtrail:arn` in the encryption context; S3 adds `aws:s3:arn`.
   */
  readonly kms?: { readonly keyId: string; readonly account: string; readonly region: string; readonly context: Readonly<Record<string, string>> };
}

export interface TrailObjectSink {
  /**
   * Writes one object as CloudTrail would (`call`: the service principal, trail ARN and account,
   * for the bucket policy). Rejects when the object cannot be written (no bucket, access denied):
   * delivery records the error.
   */
  put(bucket: string, key: string, body: Uint8Array, metadata: Readonly<Record<string, string>>, call: TrailServiceCall): Promise<void>;
}

/**
 * Whether CloudTrail may deliver into `bucket`: the bucket exists, and its policy lets the call
 * do s3:GetBucketAcl on the bucket and s3:PutObject on `keyPattern` (`[prefix/]AWSLogs/<account>/*`).
 */
export type TrailBucketCheck = (tx: ReadTx, bucket: string, keyPattern: string, call: TrailServiceCall) => Promise<{ readonly refused: 'NoSuchBucket' | 'AccessDenied'; readonly reason: string } | undefined>;

/** A sink in memory, for unit tests of delivery and validation. */
export class MemoryTrailSink implements TrailObjectSink, TrailObjectReader {
  readonly objects = new Map<string, { body: Uint8Array; metadata: Readonly<Record<string, string>> }>();
  /** The calls each object was written with, by `bucket/key`. */
  readonly calls = new Map<string, TrailServiceCall>();
  async put(bucket: string, key: string, body: Uint8Array, metadata: Readonly<Record<string, string>>, call?: TrailServiceCall): Promise<void> {
    this.objects.set(`${bucket}/${key}`, { body: Buffer.from(body), metadata: { ...metadata } });
    if (call !== undefined) this.calls.set(`${bucket}/${key}`, call);
  }
  async get(bucket: string, key: string): Promise<{ body: Uint8Array; metadata: Readonly<Record<string, string>> } | undefined> {
    return this.objects.get(`${bucket}/${key}`);
  }
  /** Keys under `bucket/prefix`, ascending. */
  list(bucket: string, prefix = ''): string[] {
    return [...this.objects.keys()].filter((k) => k.startsWith(`${bucket}/${prefix}`)).map((k) => k.slice(bucket.length + 1)).sort();
  }
}

let installedSink: ((env: JobEnv) => TrailObjectSink) | undefined;
let installedCheck: TrailBucketCheck | undefined;

/** Installs where delivery writes (the registry: Warden's S3). */
export function setTrailObjectSink(factory: ((env: JobEnv) => TrailObjectSink) | undefined): void {
  installedSink = factory;
}

/** Installs the bucket check of CreateTrail/UpdateTrail (the registry: Warden's S3). */
export function setTrailBucketCheck(check: TrailBucketCheck | undefined): void {
  installedCheck = check;
}

/** The sink delivery writes to for this Warden. */
export function trailObjectSink(env: JobEnv): TrailObjectSink {
  if (installedSink !== undefined) return installedSink(env);
  return {
    put: async () => {
      throw new Error('no object store is wired for trail delivery');
    },
  };
}

/** The installed bucket check; none (everything accepted) when S3 is not wired. */
export function trailBucketCheck(): TrailBucketCheck | undefined {
  return installedCheck;
}
