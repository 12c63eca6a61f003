/**
 * Server-side encryption of objects (S3 User Guide, serv-side-encryption): every object gets its
 * own random 256-bit data key.
 * - SSE-S3 (AES256, the default of every bucket since January 2023): the data key is sealed by
 *   Warden's barrier (AAD = the object's storage key).
 * - SSE-KMS (aws:kms): KMS generates the data key on the caller's behalf
 *   (kms:GenerateDataKey on PUT, kms:Decrypt on GET, kms:ViaService s3.<region>.amazonaws.com,
 *   encryption context {"aws:s3:arn": "arn:aws:s3:::bucket/key"}), under the key named in the
 *   request, the bucket default, or the AWS managed key aws/s3 (UsingKMSEncryption.html).
 */
import { randomBytes } from 'node:crypto';
import type { AwsError } from '../../core/errors.js';
import type { Ctx } from '../../core/operation.js';
import { decryptFor, generateDataKeyFor, KmsCallFailure, type ManagedKeyOptions } from '../kms/internal.js';
import { AccessDenied, invalidArgument, InvalidRequest, KmsDisabled, KmsInvalidState, KmsNotFound } from './errors.js';
import { objectArn } from './names.js';
import { objectPath, type BucketRecord, type ObjectRecord, type ObjectSse } from './state.js';

export const KMS_ENCRYPT = 'kms:GenerateDataKey';
export const KMS_DECRYPT = 'kms:Decrypt';

export interface SseInput {
  readonly ServerSideEncryption?: string;
  readonly SSEKMSKeyId?: string;
  readonly SSEKMSEncryptionContext?: string;
  readonly BucketKeyEnabled?: boolean;
  readonly SSECustomerAlgorithm?: string;
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

const MANAGED: ManagedKeyOptions = {
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
export function sseChoice(input: SseInput, bucket: BucketRecord, secure: boolean): { kind: 'AES256' | 'aws:kms'; keyId?: string; fromRequest: boolean } {
  if (input.SSECustomerAlgorithm !== undefined) {
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerSideEncryptionCustomerKeys.html: SSE-C needs HTTPS.
    if (!secure) throw new InvalidRequest('Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.');
    throw new InvalidRequest('Warden does not support Server Side Encryption with Customer provided keys yet.'); // Differs from AWS
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
  if (choice.kind === 'AES256') {
    const dek = randomBytes(32);
    return { dek, sse: { kind: 'AES256', sealedKey: Buffer.from(ctx.barrier.seal(objectPath(bucket.name, key), dek)).toString('base64') } };
  }
  const context = { ...requestContext(input), 'aws:s3:arn': objectArn(bucket.name, key) };
  try {
    const dk = await generateDataKeyFor(ctx, choice.keyId, { encryptionContext: context, viaService: viaService(bucket), managed: MANAGED });
    return {
      dek: dk.plaintext,
      sse: { kind: 'aws:kms', keyArn: dk.keyArn, blob: Buffer.from(dk.blob).toString('base64'), context, ...(input.BucketKeyEnabled === true ? { bucketKeyEnabled: true } : {}) },
    };
  } catch (err) {
    throw kmsError(err);
  }
}

/** The object's data key: unsealed by the barrier, or decrypted by KMS on the caller's behalf. */
export async function openDataKey(ctx: Ctx, bucket: BucketRecord, rec: ObjectRecord): Promise<Buffer> {
  if (rec.sse.kind === 'AES256') return Buffer.from(ctx.barrier.unseal(objectPath(rec.bucket, rec.key), Buffer.from(rec.sse.sealedKey, 'base64')));
  try {
    return await decryptFor(ctx, Buffer.from(rec.sse.blob, 'base64'), { encryptionContext: rec.sse.context, viaService: viaService(bucket), keyId: rec.sse.keyArn });
  } catch (err) {
    throw kmsError(err) as AwsError;
  }
}

/** The SSE response headers of an object. */
export function sseHeaders(sse: ObjectSse): { ServerSideEncryption: 'AES256' | 'aws:kms'; SSEKMSKeyId?: string; BucketKeyEnabled?: boolean } {
  if (sse.kind === 'AES256') return { ServerSideEncryption: 'AES256' };
  return { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: sse.keyArn, ...(sse.bucketKeyEnabled === true ? { BucketKeyEnabled: true } : {}) };
}
