/** GenerateDataKey*, GenerateDataKeyPair*: a random data key or key pair sealed under a symmetric KMS key. */
import type { Ctx } from '../../core/operation.js';
import { authorizeKey, dryRun } from './common.js';
import { checkEncryption, encryptUnder } from './ciphers.js';
import { generateDataKeyPairMaterial } from '../../crypto/kms-keygen.js';
import { UnsupportedOperationException, ValidationException } from './errors.js';
import { assertKeyState, loadKey } from './keys.js';
import type { DataKeyPairSpec, DataKeySpec, EncryptionContextType } from './model.gen.js';
import { pooledRandomBytes } from '../../crypto/random.js';

export interface DataKeyRequest {
  readonly KeyId: string;
  readonly EncryptionContext?: EncryptionContextType;
  readonly NumberOfBytes?: number;
  readonly KeySpec?: DataKeySpec;
  readonly DryRun?: boolean;
  readonly GrantTokens?: readonly string[];
}

const SPEC_BYTES: Readonly<Record<DataKeySpec, number>> = { AES_128: 16, AES_256: 32 };

export interface DataKey {
  readonly plaintext: Buffer;
  readonly blob: Uint8Array;
  readonly keyArn: string;
  readonly materialId?: string;
}

export async function generateDataKey(ctx: Ctx, input: DataKeyRequest, operation: 'GenerateDataKey' | 'GenerateDataKeyWithoutPlaintext'): Promise<DataKey> {
  const key = await loadKey(ctx, input.KeyId, { alias: true });
  await authorizeKey(ctx, `kms:${operation}`, key, {}, input.EncryptionContext, input.GrantTokens);
  assertKeyState(key.rec, operation);
  // "You must specify either the KeySpec or the NumberOfBytes parameter (but not both)" (API
  // reference); the wording is moto's. // unverified
  if ((input.KeySpec === undefined) === (input.NumberOfBytes === undefined)) throw new ValidationException('Please specify either number of bytes or key spec.');
  const bytes = input.KeySpec !== undefined ? SPEC_BYTES[input.KeySpec] : input.NumberOfBytes!;
  checkEncryption(key.rec, 'SYMMETRIC_DEFAULT', bytes, operation);
  dryRun(input);
  const plaintext = pooledRandomBytes(bytes);
  const sealed = encryptUnder(ctx, key, plaintext, 'SYMMETRIC_DEFAULT', input.EncryptionContext);
  return { plaintext, blob: sealed.blob, keyArn: key.rec.arn, ...(sealed.materialId !== undefined ? { materialId: sealed.materialId } : {}) };
}

export interface DataKeyPairRequest {
  readonly KeyId: string;
  readonly KeyPairSpec: DataKeyPairSpec;
  readonly EncryptionContext?: EncryptionContextType;
  readonly GrantTokens?: readonly string[];
  readonly DryRun?: boolean;
}

export interface DataKeyPair {
  readonly privateKey: Buffer;
  readonly blob: Uint8Array;
  readonly publicKey: Buffer;
  readonly keyArn: string;
  readonly materialId?: string;
}

/**
 * GenerateDataKeyPair and …WithoutPlaintext: a new key pair (DER SubjectPublicKeyInfo and DER
 * PKCS#8) whose private key is encrypted under a symmetric encryption KMS key.
 */
// Differs from AWS: SM2 data key pairs (China Regions) are refused with UnsupportedOperationException.
export async function generateDataKeyPair(ctx: Ctx, input: DataKeyPairRequest, operation: 'GenerateDataKeyPair' | 'GenerateDataKeyPairWithoutPlaintext'): Promise<DataKeyPair> {
  const key = await loadKey(ctx, input.KeyId, { alias: true });
  await authorizeKey(ctx, `kms:${operation}`, key, { 'kms:DataKeyPairSpec': input.KeyPairSpec }, input.EncryptionContext, input.GrantTokens);
  assertKeyState(key.rec, operation);
  // "you must specify a symmetric encryption KMS key … You cannot use an asymmetric KMS key" (API reference)
  checkEncryption(key.rec, 'SYMMETRIC_DEFAULT', 0, operation);
  if (input.KeyPairSpec === 'SM2') throw new UnsupportedOperationException('KeyPairSpec SM2 is supported only in China Regions.'); // unverified
  dryRun(input);
  const pair = await generateDataKeyPairMaterial(input.KeyPairSpec);
  const sealed = encryptUnder(ctx, key, pair.privateKey, 'SYMMETRIC_DEFAULT', input.EncryptionContext);
  return { privateKey: pair.privateKey, publicKey: pair.publicKey, blob: sealed.blob, keyArn: key.rec.arn, ...(sealed.materialId !== undefined ? { materialId: sealed.materialId } : {}) };
}
