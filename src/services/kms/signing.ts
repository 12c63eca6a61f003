/** Sign and Verify's shared checks: key usage, the algorithm the spec offers, the message type. */
import type { Ctx } from '../../core/operation.js';
import { digestLength, type KmsSigningAlgorithm } from '../../crypto/kms-sign.js';
import { assertUsage, authorizeKey, dryRun, incompatibleAlgorithm } from './common.js';
import { ValidationException } from './errors.js';
import { assertKeyState, loadKey, type ResolvedKey } from './keys.js';
import type { MessageType, SigningAlgorithmSpec } from './model.gen.js';
import { signingAlgorithms } from './specs.js';
import { backingKeys, type KeyObjects } from './state.js';

export interface SigningRequest {
  readonly KeyId: string;
  readonly Message: Uint8Array;
  readonly MessageType?: MessageType;
  readonly SigningAlgorithm: SigningAlgorithmSpec;
  readonly DryRun?: boolean;
  readonly GrantTokens?: readonly string[];
}

export interface SigningKey {
  readonly key: ResolvedKey;
  readonly objs: KeyObjects;
  readonly algorithm: KmsSigningAlgorithm;
  readonly isDigest: boolean;
}

export async function signingKey(ctx: Ctx, input: SigningRequest, operation: 'Sign' | 'Verify'): Promise<SigningKey> {
  const messageType = input.MessageType ?? 'RAW';
  const key = await loadKey(ctx, input.KeyId, { alias: true });
  await authorizeKey(ctx, `kms:${operation}`, key, { 'kms:SigningAlgorithm': input.SigningAlgorithm, 'kms:MessageType': messageType }, undefined, input.GrantTokens);
  assertKeyState(key.rec, operation);
  assertUsage(key.rec, 'SIGN_VERIFY', operation);
  if (!signingAlgorithms(key.rec).includes(input.SigningAlgorithm)) throw incompatibleAlgorithm(input.SigningAlgorithm, key.rec);
  const algorithm = input.SigningAlgorithm as KmsSigningAlgorithm;
  // EXTERNAL_MU is for ML-DSA keys only. // unverified wording
  if (messageType === 'EXTERNAL_MU') throw new ValidationException(`MessageType EXTERNAL_MU is not valid for signing algorithm ${algorithm}.`);
  const isDigest = messageType === 'DIGEST';
  // LocalStack's AWS recordings ("bad-digest").
  if (isDigest && input.Message.byteLength !== digestLength(algorithm)) throw new ValidationException(`Digest is invalid length for algorithm ${algorithm}.`);
  dryRun(input);
  return { key, objs: backingKeys(ctx, key, key.rec.current)!, algorithm, isDigest };
}
