/**
 * Server-side encryption of objects (S3 User Guide, serv-side-encryption): every object gets its
 * own random 256-bit data key.
 * - SSE-S3 (AES256, the default of every bucket since January 2023): the data key is sealed by
 *   Warden's barrier (AAD = the object's storage key).
 * - SSE-KMS (aws:kms): KMS generates the data key on the caller's behalf
 *   (kms:GenerateDataKey on PUT, kms:Decrypt on GET, kms:ViaService s3.<region>.amazonaws.com,
 *   encryption context {"aws:s3:arn": "arn:aws:s3:::bucket/key"}), under the key named in the
 *   request, the bucket default, or the AWS managed key aws/s3 (UsingKMSEncryption.html).
 * - SSE-C (ServerSideEncryptionCustomerKeys.html): the caller's own 256-bit key seals the body; S3
 *   keeps only a randomly salted HMAC of it to check later requests, never the key. HTTPS only.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AwsError } from '../../core/errors.js';
import type { Ctx } from '../../core/operation.js';
import { decryptFor, generateDataKeyFor, KmsCallFailure, type ManagedKeyOptions } from '../kms/internal.js';
import { AccessDenied, invalidArgument, InvalidRequest, KmsDisabled, KmsInvalidState, KmsNotFound } from './errors.js';
import { objectArn } from './names.js';
import { objectPath, type BucketRecord, type ObjectRecord, type ObjectSse } from './state.js';
import { pooledRandomBytes } from '../../crypto/random.js';

export const KMS_ENCRYPT = 'kms:GenerateDataKey';
export const KMS_DECRYPT = 'kms:Decrypt';

export interface SseInput {
  readonly ServerSideEncryption?: string;
  readonly SSEKMSKeyId?: string;
  readonly SSEKMSEncryptionContext?: string;
  readonly BucketKeyEnabled?: boolean;
  readonly SSECustomerAlgorithm?: string;
  readonly SSECustomerKey?: string;
  readonly SSECustomerKeyMD5?: string;
}

/** The three SSE-C headers of a request (or their x-amz-copy-source-… twins, as `prefix` names them). */
export interface CustomerKeyHeaders {
  readonly algorithm?: string | undefined;
  readonly key?: string | undefined;
  readonly md5?: string | undefined;
}

export const SSE_C_HEADER = 'x-amz-server-side-encryption-customer';
export const COPY_SOURCE_SSE_C_HEADER = 'x-amz-copy-source-server-side-encryption-customer';

/** A caller's SSE-C key, checked: the 32 bytes and their base64 MD5. */
export interface CustomerKey {
  readonly key: Buffer;
  readonly md5: string;
}

/**
 * The caller's SSE-C key, or undefined when none of the headers is sent. Checked as S3 does
 * (ServerSideEncryptionCustomerKeys.html, specifying-s3-c-encryption.html): HTTPS only, algorithm
 * AES256, a base64 256-bit key, and the base64 MD5 of the key bytes.
 */
export function customerKey(h: CustomerKeyHeaders, secure: boolean, prefix = SSE_C_HEADER): CustomerKey | undefined {
  if (h.algorithm === undefined && h.key === undefined && h.md5 === undefined) return undefined;
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerSideEncryptionCustomerKeys.html: SSE-C needs HTTPS.
  if (!secure) throw new InvalidRequest('Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.');
  // unverified: the InvalidArgument messages below are AWS's as clients report them, not from AWS's docs.
  if (h.algorithm === undefined) {
    throw invalidArgument('Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.', `${prefix}-algorithm`, 'null');
  }
  if (h.algorithm !== 'AES256') throw invalidArgument('The requested encryption algorithm is not valid, must be AES256.', `${prefix}-algorithm`, h.algorithm);
  if (h.key === undefined) {
    throw invalidArgument('Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.', `${prefix}-key`, 'null');
  }
  const key = Buffer.from(h.key, 'base64');
  if (key.length !== 32 || key.toString('base64') !== h.key.trim()) {
    throw invalidArgument('The secret key was invalid for the specified algorithm.', `${prefix}-key`, 'null'); // the key is never echoed
  }
  if (h.md5 === undefined) {
    throw invalidArgument('Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.', `${prefix}-key-MD5`, 'null');
  }
  const md5 = createHash('md5').update(key).digest('base64');
  if (md5 !== h.md5) throw invalidArgument('The calculated MD5 hash of the key did not match the hash that was provided.', `${prefix}-key-MD5`, h.md5);
  return { key, md5 };
}

/** The request's own SSE-C headers. */
export const requestCustomerKey = (input: SseInput, secure: boolean): CustomerKey | undefined =>
  customerKey({ algorithm: input.SSECustomerAlgorithm, key: input.SSECustomerKey, md5: input.SSECustomerKeyMD5 }, secure);

const keyHmac = (salt: Buffer, key: Buffer): Buffer => createHmac('sha256', salt).update(key).digest();

/** What S3 keeps of an SSE-C key: its MD5 (echoed in responses) and a salted HMAC. */
export function customerKeyRecord(ck: CustomerKey): ObjectSse {
  const salt = randomBytes(16);
  return { kind: 'SSE-C', keyMD5: ck.md5, salt: salt.toString('base64'), hmac: keyHmac(salt, ck.key).toString('base64') };
}

/**
 * Checks the key a read (or a part upload) sends against what the object was stored with and
 * returns the data key (a copy of the caller's key) for SSE-C objects, else undefined.
 * No key for an SSE-C object: 400 InvalidRequest; a different key: 403 AccessDenied; a key for an
 * object not stored with SSE-C: 400 InvalidRequest.
 */
export function customerDataKey(sse: ObjectSse, ck: CustomerKey | undefined): Buffer | undefined {
  if (sse.kind !== 'SSE-C') {
    // unverified wording
    if (ck !== undefined) throw new InvalidRequest('The encryption parameters are not applicable to this object.');
    return undefined;
  }
  // unverified: the message as clients report it (AWS's docs name the headers, not the error text).
  if (ck === undefined) throw new InvalidRequest('The object was stored using a form of Server Side Encryption. The correct parameters must be provided to retrieve the object.');
  const expected = Buffer.from(sse.hmac, 'base64');
  const actual = keyHmac(Buffer.from(sse.salt, 'base64'), ck.key);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw new AccessDenied('Access Denied'); // unverified: the message S3 gives a wrong key
  return Buffer.from(ck.key);
}

/** aws/s3 as AWS creates it (key policy as users have posted it). // unverified byte for byte */
function managedPolicy(account: string, region: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Id: 'auto-s3-2',
    Statement: [
      {
        Sid: 'Allow access through S3 for all principals in the account that are authorized to use S3',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*',
        Condition: { StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': `s3.${region}.amazonaws.com` } },
      },
      {
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
        Resource: '*',
      },
    ],
  }, null, 2);
}

/** S3's AWS managed key, aws/s3. */
export const S3_MANAGED_KEY: ManagedKeyOptions = {
  service: 's3',
  // unverified: the description AWS gives aws/s3.
  description: 'Default key that protects my S3 objects when no other key is defined',
  policy: managedPolicy,
};

function kmsError(err: unknown): unknown {
  if (!(err instanceof KmsCallFailure)) return err;
  switch (err.kind) {
    case 'AccessDenied':
      return new AccessDenied(err.message);
    case 'NotFound':
      return new KmsNotFound(err.message);
    case 'KeyState':
      return err.kmsCode === 'DisabledException' ? new KmsDisabled(err.message) : new KmsInvalidState(err.message);
    default:
      return new AccessDenied(err.message); // unverified: how S3 reports other KMS failures
  }
}

/** Which encryption a PUT gets, checked before anything is written; InvalidArgument / InvalidRequest per AWS. */
export function sseChoice(input: SseInput, bucket: BucketRecord, secure: boolean): { kind: 'AES256' | 'aws:kms' | 'SSE-C'; keyId?: string; fromRequest: boolean; customer?: CustomerKey } {
  const customer = requestCustomerKey(input, secure);
  if (customer !== undefined) {
    if (input.ServerSideEncryption !== undefined || input.SSEKMSKeyId !== undefined) {
      // unverified wording
      throw new InvalidRequest('Server Side Encryption with Customer provided key is incompatible with the encryption method specified');
    }
    return { kind: 'SSE-C', fromRequest: true, customer };
  }
  const requested = input.ServerSideEncryption;
  if (requested !== undefined && requested !== 'AES256' && requested !== 'aws:kms') {
    throw invalidArgument('The encryption method specified is not supported', 'x-amz-server-side-encryption', requested);
  }
  if (input.SSEKMSKeyId !== undefined && requested !== 'aws:kms') {
    // unverified wording
    throw invalidArgument('Server Side Encryption with AWS Key Management Service key id is specified but x-amz-server-side-encryption is not set to aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id', input.SSEKMSKeyId);
  }
  if (requested !== undefined) return { kind: requested, ...(input.SSEKMSKeyId !== undefined ? { keyId: input.SSEKMSKeyId } : {}), fromRequest: true };
  const rule = bucket.encryption?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
  if (rule?.SSEAlgorithm === 'aws:kms') return { kind: 'aws:kms', ...(rule.KMSMasterKeyID !== undefined ? { keyId: rule.KMSMasterKeyID } : {}), fromRequest: false };
  return { kind: 'AES256', fromRequest: false };
}

export const viaService = (bucket: BucketRecord): string => `s3.${bucket.region}.amazonaws.com`;

function requestContext(input: SseInput): Record<string, string> {
  if (input.SSEKMSEncryptionContext === undefined) return {};
  try {
    const parsed = JSON.parse(Buffer.from(input.SSEKMSEncryptionContext, 'base64').toString('utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((v) => typeof v === 'string')) throw new Error('shape');
    return parsed as Record<string, string>;
  } catch {
    // unverified wording
    throw invalidArgument('The header x-amz-server-side-encryption-context must be a base64-encoded UTF-8 JSON object of string values', 'x-amz-server-side-encryption-context', input.SSEKMSEncryptionContext);
  }
}

/** A fresh data key for the object at bucket/key, and how it is kept. */
export async function newDataKey(ctx: Ctx, bucket: BucketRecord, key: string, choice: ReturnType<typeof sseChoice>, input: SseInput): Promise<{ dek: Buffer; sse: ObjectSse }> {
  if (choice.kind === 'SSE-C') {
    const ck = choice.customer!;
    return { dek: Buffer.from(ck.key), sse: customerKeyRecord(ck) };
  }
  if (choice.kind === 'AES256') {
    const dek = pooledRandomBytes(32);
    return { dek, sse: { kind: 'AES256', sealedKey: Buffer.from(ctx.barrier.seal(objectPath(bucket.name, key), dek)).toString('base64') } };
  }
  const context = { ...requestContext(input), 'aws:s3:arn': objectArn(bucket.name, key) };
  try {
    const dk = await generateDataKeyFor(ctx, choice.keyId, { encryptionContext: context, viaService: viaService(bucket), managed: S3_MANAGED_KEY });
    return {
      dek: dk.plaintext,
      sse: { kind: 'aws:kms', keyArn: dk.keyArn, blob: Buffer.from(dk.blob).toString('base64'), context, ...(input.BucketKeyEnabled === true ? { bucketKeyEnabled: true } : {}) },
    };
  } catch (err) {
    throw kmsError(err);
  }
}

/** The object's data key: unsealed by the barrier, decrypted by KMS on the caller's behalf, or the caller's own (SSE-C, checked). */
export async function openDataKey(ctx: Ctx, bucket: BucketRecord, rec: ObjectRecord, ck?: CustomerKey): Promise<Buffer> {
  // SSE-C objects, and any request naming a key, go through the key check (which throws or returns the key).
  if (rec.sse.kind === 'SSE-C' || ck !== undefined) return customerDataKey(rec.sse, ck)!;
  if (rec.sse.kind === 'AES256') return Buffer.from(ctx.barrier.unseal(objectPath(rec.bucket, rec.key), Buffer.from(rec.sse.sealedKey, 'base64')));
  try {
    return await decryptFor(ctx, Buffer.from(rec.sse.blob, 'base64'), { encryptionContext: rec.sse.context, viaService: viaService(bucket), keyId: rec.sse.keyArn });
  } catch (err) {
    throw kmsError(err) as AwsError;
  }
}

/** The SSE response headers of an object. */
export function sseHeaders(sse: ObjectSse): { ServerSideEncryption?: 'AES256' | 'aws:kms'; SSEKMSKeyId?: string; BucketKeyEnabled?: boolean; SSECustomerAlgorithm?: string; SSECustomerKeyMD5?: string } {
  if (sse.kind === 'SSE-C') return { SSECustomerAlgorithm: 'AES256', SSECustomerKeyMD5: sse.keyMD5 };
  if (sse.kind === 'AES256') return { ServerSideEncryption: 'AES256' };
  return { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: sse.keyArn, ...(sse.bucketKeyEnabled === true ? { BucketKeyEnabled: true } : {}) };
}
