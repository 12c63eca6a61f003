/**
 * S3 as other Warden services reach it (the registry wires these in; structurally typed so the
 * caller's module does not import S3): an object sink writing as a service principal through
 * putObjectAs, one transaction per object; a reader of object plaintext for Warden's own tools
 * (`warden audit verify`); and the delivery check a service makes before it accepts a bucket
 * (CloudTrail's CreateTrail/UpdateTrail: s3:GetBucketAcl on the bucket, s3:PutObject on its keys).
 */
import type { Clock } from '../../core/clock.js';
import type { JobEnv, SealingBarrier } from '../../core/operation.js';
import type { ReadTx, Store } from '../../store/store.js';
import { checkBucketAccessAs, putObjectAs, readObjectUnchecked, S3AccessRefused, serviceAllowed, type ServiceCall, type ServiceKms } from './internal.js';
import { objectArn } from './names.js';

export interface ServiceObjectEnv {
  readonly store: Store;
  readonly clock: Clock;
  readonly barrier: SealingBarrier;
  /** For SSE-KMS writes (KMS runs in a service context). */
  readonly config: JobEnv['config'];
  /** undefined: bodies live in the store (in-memory Warden). */
  readonly dataDir: string | undefined;
}

/** Objects written as a service principal, each committed in its own transaction. */
export function serviceObjectSink(env: ServiceObjectEnv): {
  put(bucket: string, key: string, body: Uint8Array, metadata: Readonly<Record<string, string>>, call: ServiceCall & { readonly kms?: ServiceKms }): Promise<void>;
} {
  return {
    async put(bucket, key, body, metadata, call) {
      const { kms, ...principal } = call;
      try {
        await env.store.write((tx) =>
          putObjectAs(
            { tx, dataDir: env.dataDir, clock: env.clock, barrier: env.barrier, config: env.config },
            // Trail files are gzipped JSON; AWS stores them with these headers.
            { bucket, key, body, contentType: 'application/json', contentEncoding: 'gzip', metadata, ...(kms !== undefined ? { kms } : {}) },
            principal,
          ),
        );
      } catch (e) {
        // A refused KMS call is still KMS's event, though the write it was for rolled back.
        if (e instanceof S3AccessRefused) for (const ev of e.events) await env.store.audit.append(ev);
        throw e;
      }
    },
  };
}

/** Object plaintext and user metadata without authorization; undefined when there is no such bucket or object. */
export function serviceObjectReader(env: Omit<ServiceObjectEnv, 'clock' | 'config'>): {
  get(bucket: string, key: string): Promise<{ body: Uint8Array; metadata: Readonly<Record<string, string>> } | undefined>;
} {
  return {
    async get(bucket, key) {
      try {
        const o = await env.store.read((tx) => readObjectUnchecked({ tx, dataDir: env.dataDir, barrier: env.barrier }, bucket, key));
        return { body: o.body, metadata: o.metadata };
      } catch (e) {
        if (e instanceof S3AccessRefused && (e.kind === 'NoSuchBucket' || e.kind === 'NoSuchKey')) return undefined;
        throw e;
      }
    },
  };
}

/**
 * Whether a service may deliver into `bucket`: it exists, and its policy allows `call`
 * s3:GetBucketAcl on the bucket and s3:PutObject on `keyPattern` (e.g. `AWSLogs/<account>/*`,
 * evaluated as that literal key, so a policy must cover the whole pattern).
 */
export async function serviceDeliveryRefusal(tx: ReadTx, bucket: string, keyPattern: string, call: ServiceCall): Promise<{ refused: 'NoSuchBucket' | 'AccessDenied'; reason: string } | undefined> {
  try {
    const b = await checkBucketAccessAs(tx, bucket, 's3:GetBucketAcl', call);
    const d = serviceAllowed(b, 's3:PutObject', objectArn(bucket, keyPattern), call);
    if (!d.allowed) return { refused: 'AccessDenied', reason: `${call.service} may not perform s3:PutObject on ${objectArn(bucket, keyPattern)}: ${d.reason}` };
    return undefined;
  } catch (e) {
    if (e instanceof S3AccessRefused && (e.kind === 'NoSuchBucket' || e.kind === 'AccessDenied')) return { refused: e.kind, reason: e.message };
    throw e;
  }
}
