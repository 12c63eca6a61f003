/** GenerateMac and VerifyMac's shared checks: an HMAC key whose spec matches the algorithm. */
import type { KeyObject } from 'node:crypto';
import type { Ctx } from '../../core/operation.js';
import { assertUsage, authorizeKey, dryRun, incompatibleAlgorithm } from './common.js';
import { assertKeyState, loadKey } from './keys.js';
import type { MacAlgorithmSpec } from './model.gen.js';
import { macAlgorithms } from './specs.js';
import { backingKeys } from './state.js';

const HASH: Readonly<Record<MacAlgorithmSpec, string>> = { HMAC_SHA_224: 'sha224', HMAC_SHA_256: 'sha256', HMAC_SHA_384: 'sha384', HMAC_SHA_512: 'sha512' };

export interface MacKey {
  readonly arn: string;
  readonly hash: string;
  readonly secret: KeyObject;
}

export async function macKey(ctx: Ctx, input: { KeyId: string; MacAlgorithm: MacAlgorithmSpec; DryRun?: boolean; GrantTokens?: readonly string[] }, operation: 'GenerateMac' | 'VerifyMac'): Promise<MacKey> {
  const key = await loadKey(ctx, input.KeyId, { alias: true });
  await authorizeKey(ctx, `kms:${operation}`, key, { 'kms:MacAlgorithm': input.MacAlgorithm }, undefined, input.GrantTokens);
  assertKeyState(key.rec, operation);
  // Both messages are LocalStack's AWS recordings.
  assertUsage(key.rec, 'GENERATE_VERIFY_MAC', operation);
  if (!macAlgorithms(key.rec).includes(input.MacAlgorithm)) throw incompatibleAlgorithm(input.MacAlgorithm, key.rec);
  dryRun(input);
  return { arn: key.rec.arn, hash: HASH[input.MacAlgorithm], secret: backingKeys(ctx, key, key.rec.current)!.secret };
}
