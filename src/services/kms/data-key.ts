/** GenerateDataKey and GenerateDataKeyWithoutPlaintext: a random data key sealed under a symmetric KMS key. */
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../core/operation.js';
import { authorizeKey, dryRun } from './common.js';
import { checkEncryption, encryptUnder } from './ciphers.js';
import { ValidationException } from './errors.js';
import { assertKeyState, loadKey } from './keys.js';
import type { DataKeySpec, EncryptionContextType } from './model.gen.js';

export interface DataKeyRequest {
  readonly KeyId: string;
  readonly EncryptionContext?: EncryptionContextType;
  readonly NumberOfBytes?: number;
  readonly KeySpec?: DataKeySpec;
  readonly DryRun?: boolean;
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
  await authorizeKey(ctx, `kms:${operation}`, key, {}, input.EncryptionContext);
  assertKeyState(key.rec, operation);
  // "You must specify either the KeySpec or the NumberOfBytes parameter (but not both)" (API
  // reference); the wording is moto's. // unverified
  if ((input.KeySpec === undefined) === (input.NumberOfBytes === undefined)) throw new ValidationException('Please specify either number of bytes or key spec.');
  const bytes = input.KeySpec !== undefined ? SPEC_BYTES[input.KeySpec] : input.NumberOfBytes!;
  checkEncryption(key.rec, 'SYMMETRIC_DEFAULT', bytes, operation);
  dryRun(input);
  const plaintext = randomBytes(bytes);
  const sealed = encryptUnder(ctx, key, plaintext, 'SYMMETRIC_DEFAULT', input.EncryptionContext);
  return { plaintext, blob: sealed.blob, keyArn: key.rec.arn, ...(sealed.materialId !== undefined ? { materialId: sealed.materialId } : {}) };
}
