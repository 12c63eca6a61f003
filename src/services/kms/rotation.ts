/**
 * Key rotation: settings, lazy automatic rotation and on-demand rotation.
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
 *
 * Rotation appends a backing key; none is ever removed, so every ciphertext made before a
 * rotation still decrypts (DESIGN §6) and new ciphertexts use the newest one. Automatic
 * rotation happens when a key is loaded after its NextRotationDate (ctx.clock): read-only
 * requests see the rotated key, the next write on the key stores it. So that both compute the
 * same material, automatic rotations derive theirs from a random seed sealed in the key record
 * (HKDF-SHA256, one output per version); on-demand rotations use fresh random bytes.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import type { Ctx } from '../../core/operation.js';
import { generateKeyMaterial } from '../../crypto/kms-keygen.js';
import { LimitExceededException, UnsupportedOperationException } from './errors.js';
import { sealMaterial, sealRotationSeed, unsealRotationSeed, type BackingKey, type KeyRecord, type LoadedKey } from './state.js';

export const DAY_MS = 86_400_000;
/** "the default rotation period is 365 days" (rotate-keys.html). */
export const DEFAULT_ROTATION_DAYS = 365;
/**
 * "You can perform on-demand key rotation a maximum of 25 times per KMS key" (botocore kms
 * model 2026, RotateKeyOnDemand; rotating-keys-on-demand.html). Older copies of the API
 * reference said 10; the current quota page lists 25, not adjustable.
 */
export const MAX_ON_DEMAND_ROTATIONS = 25;

/**
 * Automatic rotation exists for symmetric encryption keys with AWS_KMS material only. Imported
 * material: the key-state table's note 6 wording. Asymmetric and HMAC keys: local-kms records an
 * empty message. // unverified
 */
export function assertRotatable(rec: KeyRecord): void {
  if (rec.origin === 'EXTERNAL') throw new UnsupportedOperationException(`${rec.arn} origin is EXTERNAL which is not valid for this operation.`);
  if (rec.keySpec !== 'SYMMETRIC_DEFAULT') throw new UnsupportedOperationException('');
}

/** A new sealed rotation seed for the key stored at `path`. */
export function newRotationSeed(ctx: Ctx, path: string): string {
  const seed = randomBytes(32);
  const sealed = sealRotationSeed(ctx, path, seed);
  seed.fill(0);
  return sealed;
}

const derive = (seed: Uint8Array, keyId: string, version: number, what: string): Buffer =>
  Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), `warden/kms/auto-rotation/${keyId}/${version}/${what}`, 32));

const lastVersion = (rec: KeyRecord): number => rec.backing.reduce((m, b) => Math.max(m, b.version), 0);

/**
 * The key with every automatic rotation due by now applied, or undefined when none is due. A
 * disabled key does not rotate; once enabled again the missed rotations happen (rotate-keys.html:
 * "If the KMS key is disabled … when you re-enable it, AWS KMS rotates the key material if it is
 * older than the rotation period").
 */
// Differs from AWS: a missed rotation is dated at its scheduled time, not at the moment the key was re-enabled.
export function applyDueRotations(ctx: Ctx, key: LoadedKey): KeyRecord | undefined {
  const rec = key.rec;
  const r = rec.rotation;
  const now = ctx.clock.now();
  if (!r.enabled || r.nextMs === undefined || r.seed === undefined || r.nextMs > now || rec.state !== 'Enabled') return undefined;
  const seed = unsealRotationSeed(ctx, key.path, r.seed);
  const backing: BackingKey[] = [...rec.backing];
  let version = lastVersion(rec);
  let next = r.nextMs;
  const step = Math.max(r.periodDays, 1) * DAY_MS;
  try {
    while (next <= now) {
      version += 1;
      const secret = derive(seed, rec.keyId, version, 'material');
      backing.push({
        version,
        materialId: derive(seed, rec.keyId, version, 'id').toString('hex'),
        createdMs: next,
        sealed: sealMaterial(ctx, key.path, version, secret),
        rotationType: 'AUTOMATIC',
        rotatedMs: next,
      });
      secret.fill(0);
      next += step;
    }
  } finally {
    Buffer.from(seed.buffer, seed.byteOffset, seed.byteLength).fill(0);
  }
  return { ...rec, backing, current: version, rotation: { ...r, nextMs: next } };
}

/**
 * RotateKeyOnDemand's new material. LimitExceededException past the quota; the message is
 * Warden's. // unverified
 */
export async function rotateOnDemand(ctx: Ctx, key: LoadedKey): Promise<KeyRecord> {
  const rec = key.rec;
  const done = rec.onDemandRotations ?? 0;
  if (done >= MAX_ON_DEMAND_ROTATIONS) {
    throw new LimitExceededException(`You have exceeded the maximum number of on-demand rotations (${MAX_ON_DEMAND_ROTATIONS}) for ${rec.arn}.`);
  }
  const now = ctx.clock.now();
  const version = lastVersion(rec) + 1;
  const m = await generateKeyMaterial(rec.keySpec);
  const b: BackingKey = {
    version,
    materialId: randomBytes(32).toString('hex'),
    createdMs: now,
    sealed: sealMaterial(ctx, key.path, version, m.secret),
    rotationType: 'ON_DEMAND',
    rotatedMs: now,
  };
  m.secret.fill(0);
  return { ...rec, backing: [...rec.backing, b], current: version, onDemandRotations: done + 1 };
}
