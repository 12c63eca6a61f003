/**
 * Multi-Region keys (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html):
 * related keys in several Regions of one account with the same key id, key material, key spec,
 * key usage, origin and automatic-rotation settings; description, policy, tags, aliases, grants
 * and enabled state are each key's own. Each related key's record carries the primary's Region
 * and the replicas' Regions (KeyRecord.mrk); this module keeps the shared properties in step.
 *
 * Automatic rotations derive their material from the rotation seed and the key id (rotation.ts),
 * so replicas holding the same seed rotate to the same material on their own; on-demand
 * rotations and rotation settings are copied from the primary when they change.
 */
import type { Ctx } from '../../core/operation.js';
import { UnsupportedOperationException } from './errors.js';
import type { MultiRegionConfiguration } from './model.gen.js';
import { keyArn } from './keys.js';
import { putDeletionIndex, putKeyRecord, readKeyRecord, resealBacking, resealRotationSeed, type KeyRecord, type LoadedKey, type RotationSettings } from './state.js';

export interface MrkInfo {
  readonly primaryRegion: string;
  readonly replicaRegions: readonly string[];
}

export const mrkInfo = (rec: KeyRecord): MrkInfo => rec.mrk ?? { primaryRegion: rec.region, replicaRegions: [] };
export const isReplica = (rec: KeyRecord): boolean => rec.multiRegion && mrkInfo(rec).primaryRegion !== rec.region;
export const isPrimary = (rec: KeyRecord): boolean => rec.multiRegion && mrkInfo(rec).primaryRegion === rec.region;

/** DescribeKey's MultiRegionConfiguration: "ReplicaKeys … includes the current KMS key if it is a replica key" (API reference). */
export function multiRegionConfiguration(rec: KeyRecord): MultiRegionConfiguration {
  const m = mrkInfo(rec);
  return {
    MultiRegionKeyType: m.primaryRegion === rec.region ? 'PRIMARY' : 'REPLICA',
    PrimaryKey: { Arn: keyArn(rec.account, m.primaryRegion, rec.keyId), Region: m.primaryRegion },
    ReplicaKeys: m.replicaRegions.map((r) => ({ Arn: keyArn(rec.account, r, rec.keyId), Region: r })),
  };
}

/** The other Regions' related keys, as stored. */
export async function relatedKeys(ctx: Ctx, rec: KeyRecord): Promise<LoadedKey[]> {
  if (!rec.multiRegion) return [];
  const m = mrkInfo(rec);
  const out: LoadedKey[] = [];
  for (const region of [m.primaryRegion, ...m.replicaRegions]) {
    if (region === rec.region) continue;
    const k = await readKeyRecord(ctx, rec.account, region, rec.keyId);
    if (k !== undefined) out.push(k);
  }
  return out;
}

/**
 * Stores `mrk` on the related keys of `rec` in every Region but `skip` (the caller stores those).
 * Without expected versions: the transaction's read-set validation guards these rows, and a row
 * this transaction already wrote reads back with a version no expectation could match.
 */
export async function setMrkOnRelated(ctx: Ctx, rec: KeyRecord, mrk: MrkInfo, skip: readonly string[]): Promise<void> {
  for (const k of await relatedKeys(ctx, rec)) if (!skip.includes(k.rec.region)) putKeyRecord(ctx, { ...k.rec, mrk });
}

/**
 * UnsupportedOperationException for operations only the primary key takes (rotation settings,
 * on-demand rotation, ReplicateKey). // unverified: AWS's wording
 */
export function assertNotReplica(rec: KeyRecord, operation: string): void {
  if (isReplica(rec)) throw new UnsupportedOperationException(`${rec.arn} is a multi-Region replica key. ${operation} is not valid for replica keys; call it on the primary key in ${mrkInfo(rec).primaryRegion}.`);
}

/** The primary's shared material and rotation settings, sealed for the replica at `toPath`. */
export function sharedFrom(ctx: Ctx, primary: LoadedKey, toPath: string, have: readonly { version: number }[] = []): Pick<KeyRecord, 'backing' | 'current' | 'rotation' | 'onDemandRotations'> {
  const p = primary.rec;
  const known = new Set(have.map((b) => b.version));
  const backing = p.origin === 'EXTERNAL' ? [] : p.backing.map((b) => (known.has(b.version) ? undefined : resealBacking(ctx, primary.path, toPath, b)));
  const rotation: RotationSettings = {
    ...p.rotation,
    ...(p.rotation.seed !== undefined ? { seed: resealRotationSeed(ctx, primary.path, toPath, p.rotation.seed) } : {}),
  };
  return {
    backing: backing.filter((b): b is NonNullable<typeof b> => b !== undefined),
    current: p.current,
    rotation,
    ...(p.onDemandRotations !== undefined ? { onDemandRotations: p.onDemandRotations } : {}),
  };
}

/** After the primary's material or rotation settings changed (stored as `primary`): the same on every replica. */
export async function syncReplicas(ctx: Ctx, primary: LoadedKey): Promise<void> {
  if (!isPrimary(primary.rec) || primary.rec.origin === 'EXTERNAL') return;
  for (const k of await relatedKeys(ctx, primary.rec)) {
    const shared = sharedFrom(ctx, primary, k.path, k.rec.backing);
    putKeyRecord(ctx, { ...k.rec, ...shared, backing: [...k.rec.backing, ...shared.backing] });
  }
}

const DAY_MS = 86_400_000;

/**
 * After a related key was deleted for good: the others forget its Region, and a primary waiting
 * in PendingReplicaDeletion whose last replica this was starts its own waiting period
 * (multi-region-keys-delete.html).
 */
export async function forgetDeletedKey(ctx: Ctx, rec: KeyRecord): Promise<void> {
  if (!rec.multiRegion) return;
  const m = mrkInfo(rec);
  const mrk = { primaryRegion: m.primaryRegion, replicaRegions: m.replicaRegions.filter((r) => r !== rec.region) };
  for (const k of await relatedKeys(ctx, rec)) {
    let next: KeyRecord = { ...k.rec, mrk };
    if (k.rec.region === mrk.primaryRegion && k.rec.state === 'PendingReplicaDeletion' && mrk.replicaRegions.length === 0) {
      next = { ...next, state: 'PendingDeletion', deletionMs: ctx.clock.now() + (k.rec.pendingWindowDays ?? 30) * DAY_MS };
      putDeletionIndex(ctx, next);
    }
    putKeyRecord(ctx, next);
  }
}
