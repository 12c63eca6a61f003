/**
 * Encryption and decryption under a KMS key: symmetric keys seal Warden's ciphertext blob
 * (crypto/kms-blob.ts) under their current backing key; RSA keys use RSAES-OAEP.
 */
import { constants, privateDecrypt, publicEncrypt } from 'node:crypto';
import type { Ctx } from '../../core/operation.js';
import { WardenBug } from '../../core/errors.js';
import { openBlob, parseBlobHeader, sealBlob } from '../../crypto/kms-blob.js';
import { assertUsage, authorizeKey, incompatibleAlgorithm } from './common.js';
import { AccessDeniedException, IncorrectKeyException, InvalidCiphertextException, NotFoundException, ValidationException } from './errors.js';
import { assertKeyState, loadKey, type KeyStateOperation, type ResolvedKey } from './keys.js';
import type { EncryptionAlgorithmSpec } from './model.gen.js';
import { backingKeys, type KeyRecord } from './state.js';

type Context = Readonly<Record<string, string>> | undefined;

const OAEP_HASH: Readonly<Record<string, { hash: string; bytes: number }>> = {
  RSAES_OAEP_SHA_1: { hash: 'sha1', bytes: 20 },
  RSAES_OAEP_SHA_256: { hash: 'sha256', bytes: 32 },
};

const modulusBytes = (spec: string): number => Number(spec.slice('RSA_'.length)) / 8;

/**
 * The algorithm must suit the key; RSA plaintexts are bounded by the OAEP padding
 * (k - 2·hLen - 2 bytes; message recorded by LocalStack against AWS).
 */
export function checkEncryption(rec: KeyRecord, algorithm: EncryptionAlgorithmSpec, plaintextBytes: number, operation: string): void {
  assertUsage(rec, 'ENCRYPT_DECRYPT', operation);
  if (rec.keySpec === 'SYMMETRIC_DEFAULT') {
    if (algorithm !== 'SYMMETRIC_DEFAULT') throw incompatibleAlgorithm(algorithm, rec);
    return;
  }
  const oaep = OAEP_HASH[algorithm];
  if (oaep === undefined) throw incompatibleAlgorithm(algorithm, rec);
  const max = modulusBytes(rec.keySpec) - 2 * oaep.bytes - 2;
  if (plaintextBytes > max) throw new ValidationException(`Algorithm ${algorithm} and key spec ${rec.keySpec} cannot encrypt data larger than ${max} bytes.`);
}

export interface Sealed {
  readonly blob: Uint8Array;
  /** The KeyMaterialId of the backing key used (symmetric keys). */
  readonly materialId?: string;
}

/** Encrypts with a key already authorized and checked (checkEncryption). */
export function encryptUnder(ctx: Ctx, key: ResolvedKey, plaintext: Uint8Array, algorithm: EncryptionAlgorithmSpec, context: Context): Sealed {
  const rec = key.rec;
  const backing = rec.backing.find((b) => b.version === rec.current);
  const objs = backing === undefined ? undefined : backingKeys(ctx, key, backing.version);
  if (backing === undefined || objs === undefined) throw new WardenBug(`${rec.arn} is usable but has no key material`);
  if (rec.keySpec === 'SYMMETRIC_DEFAULT') {
    return { blob: sealBlob(objs.secret, rec.keyId, backing.version, plaintext, context), materialId: backing.materialId };
  }
  const oaep = OAEP_HASH[algorithm]!;
  return { blob: publicEncrypt({ key: objs.publicKey!, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaep.hash }, plaintext) };
}

export interface Opened {
  readonly key: ResolvedKey;
  readonly plaintext: Buffer;
  readonly algorithm: EncryptionAlgorithmSpec;
  readonly materialId?: string;
}

export interface OpenRequest {
  readonly blob: Uint8Array | undefined;
  readonly keyId: string | undefined;
  readonly context: Context;
  readonly algorithm: EncryptionAlgorithmSpec | undefined;
  readonly grantTokens?: readonly string[] | undefined;
}

// InvalidCiphertextException carries no message (LocalStack's AWS recordings).
const invalidCiphertext = () => new InvalidCiphertextException('');

// The text AWS answers when a ciphertext names a key the caller cannot find (recorded in user
// reports of real Decrypt calls, e.g. aws-cli and hiera-eyaml-kms issues).
const MISSING_CIPHERTEXT_KEY = 'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.';

/** The key a ciphertext names; one that does not exist is AccessDeniedException, as AWS answers. */
async function keyOfCiphertext(ctx: Ctx, keyId: string): Promise<ResolvedKey> {
  try {
    return await loadKey(ctx, keyId, { alias: true });
  } catch (err) {
    if (err instanceof NotFoundException) throw new AccessDeniedException(MISSING_CIPHERTEXT_KEY);
    throw err;
  }
}

/**
 * Finds the key of a ciphertext (the KeyId given, else the blob's header), authorizes `action`
 * on it, applies the key-state table and opens the ciphertext. A KeyId that names another key
 * than the blob's is IncorrectKeyException (message recorded by LocalStack against AWS).
 */
export async function openCiphertext(ctx: Ctx, req: OpenRequest, action: string, operation: KeyStateOperation): Promise<Opened> {
  const algorithm = req.algorithm ?? 'SYMMETRIC_DEFAULT';
  const blob = req.blob;
  if (blob === undefined) throw new ValidationException('CiphertextBlob is required.'); // unverified (optional in the model since DryRunModifiers)
  const header = parseBlobHeader(blob);
  if (req.keyId === undefined && header === undefined) throw invalidCiphertext();
  // Differs from AWS: a blob carries the key id only, so without a KeyId it is looked up in the caller's account.
  const key = req.keyId !== undefined ? await loadKey(ctx, req.keyId, { alias: true }) : await keyOfCiphertext(ctx, header!.keyId);
  await authorizeKey(ctx, action, key, { 'kms:EncryptionAlgorithm': algorithm }, req.context, req.grantTokens);
  assertKeyState(key.rec, operation);
  assertUsage(key.rec, 'ENCRYPT_DECRYPT', operation === 'ReEncrypt' ? 'ReEncrypt' : 'Decrypt');
  const rec = key.rec;
  if (rec.keySpec !== 'SYMMETRIC_DEFAULT') {
    const oaep = OAEP_HASH[algorithm];
    if (oaep === undefined) throw incompatibleAlgorithm(algorithm, rec);
    const objs = backingKeys(ctx, key, rec.current)!;
    try {
      return { key, algorithm, plaintext: privateDecrypt({ key: objs.secret, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaep.hash }, blob) };
    } catch {
      throw invalidCiphertext();
    }
  }
  if (algorithm !== 'SYMMETRIC_DEFAULT') throw incompatibleAlgorithm(algorithm, rec);
  if (header === undefined) throw invalidCiphertext();
  if (header.keyId !== rec.keyId) throw new IncorrectKeyException('The key ID in the request does not identify a CMK that can perform this operation.');
  const objs = backingKeys(ctx, key, header.version);
  const plaintext = objs === undefined ? undefined : openBlob(objs.secret, blob, req.context);
  if (plaintext === undefined) throw invalidCiphertext();
  const materialId = rec.backing.find((b) => b.version === header.version)?.materialId;
  return { key, algorithm, plaintext, ...(materialId !== undefined ? { materialId } : {}) };
}
