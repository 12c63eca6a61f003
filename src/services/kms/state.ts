/**
 * KMS's stored records, their storage keys and versioned codecs. Storage keys are built here only:
 *
 *   kms/<account>/<region>/key/<key id>              KeyRecord
 *   kms/<account>/<region>/alias/<name after alias/> AliasRecord
 *   kms/<account>/<region>/deletion/<ms>/<key id>    (empty) index of keys pending deletion
 *   kms/<account>/<region>/grant/<key id>/<grant id> GrantRecord (phase 2)
 *   kms/_due/deletion/<ms>/<account>/<region>/<key id>  (empty) what the background job deletes, all accounts
 *   kms/_due/rotation/<ms>/<account>/<region>/<key id>  (empty) automatic rotations due, all accounts
 *
 * Key material never leaves the barrier unsealed in storage: each backing key (rotation version)
 * holds its secret sealed with AAD `<key storage key>#<version>`. Decoded records and unsealed
 * material are cached per barrier (so per Warden), keyed by storage key and checked against the
 * stored bytes: a changed or rolled-back row is decoded afresh (DESIGN §5).
 */
import type { KeyObject } from 'node:crypto';
import type { Ctx } from '../../core/operation.js';
import { WardenBug } from '../../core/errors.js';
import { materialKeys } from '../../crypto/kms-keygen.js';
import type { Entry, ReadTx } from '../../store/store.js';
import type { KeyManagerType, KeySpec, KeyState, KeyUsageType, OriginType, Tag } from './model.gen.js';
import { DecodedCache } from '../../store/decoded-cache.js';

const CODEC_VERSION = 1;

/** One version of a key's material. Rotation (phase 2) appends versions; none is ever removed. */
export interface BackingKey {
  /** The version written into ciphertext blobs, from 1. */
  readonly version: number;
  /** KMS's KeyMaterialId: 64 hex digits, not derived from the material. */
  readonly materialId: string;
  readonly createdMs: number;
  /** base64 of the barrier-sealed secret (AES/HMAC key or DER PKCS#8 private key). */
  readonly sealed: string;
  /** base64 DER SubjectPublicKeyInfo, asymmetric keys only. */
  readonly publicKey?: string;
  /** Set on material a rotation created (ListKeyRotations); absent on a key's first material. */
  readonly rotationType?: 'AUTOMATIC' | 'ON_DEMAND';
  readonly rotatedMs?: number;
  /** Imported material: when it expires (ExpirationModel KEY_MATERIAL_EXPIRES). */
  readonly validToMs?: number;
}

export interface RotationSettings {
  readonly enabled: boolean;
  readonly periodDays: number;
  /** When automatic rotation is next due; keys.ts applies due rotations lazily (rotation.ts). */
  readonly nextMs?: number;
  /**
   * base64 of a barrier-sealed random seed from which automatic rotations derive their material,
   * so that a read-only request that finds a rotation due computes the same new material as the
   * write that later stores it.
   */
  readonly seed?: string;
}

export interface KeyRecord {
  readonly v: typeof CODEC_VERSION;
  readonly keyId: string;
  readonly account: string;
  readonly region: string;
  readonly arn: string;
  readonly createdMs: number;
  readonly description: string;
  readonly keySpec: KeySpec;
  readonly keyUsage: KeyUsageType;
  readonly origin: OriginType;
  readonly keyManager: KeyManagerType;
  readonly state: KeyState;
  readonly deletionMs?: number;
  readonly pendingWindowDays?: number;
  readonly multiRegion: boolean;
  /**
   * Multi-Region keys: where the primary is and which Regions hold replicas; the same on every
   * related key (multi-region.ts keeps them in step). Absent on a primary never replicated.
   */
  readonly mrk?: { readonly primaryRegion: string; readonly replicaRegions: readonly string[] };
  /** The key policy exactly as stored and returned by GetKeyPolicy. */
  readonly policy: string;
  readonly tags: readonly Tag[];
  /** Names of the aliases pointing at this key (kms:ResourceAliases, the 50-alias quota). */
  readonly aliases: readonly string[];
  readonly rotation: RotationSettings;
  /** Empty while an EXTERNAL key awaits its material. */
  readonly backing: readonly BackingKey[];
  /** The backing version new ciphertexts use. */
  readonly current: number;
  /** On-demand rotations so far (RotateKeyOnDemand's quota). */
  readonly onDemandRotations?: number;
  /**
   * Imported material (Origin EXTERNAL): a digest of the material, so a re-import must bring the
   * same bytes (IncorrectKeyMaterialException), kept when the material is deleted or expires.
   */
  readonly importedDigest?: string;
}

/** A grant (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html). */
export interface GrantRecord {
  readonly v: typeof CODEC_VERSION;
  readonly grantId: string;
  readonly keyId: string;
  readonly name?: string;
  readonly granteePrincipal: string;
  readonly retiringPrincipal?: string;
  /** The principal that created the grant (ListGrants' IssuingAccount is its account root). */
  readonly issuingAccount: string;
  readonly operations: readonly string[];
  readonly constraints?: { readonly EncryptionContextEquals?: Readonly<Record<string, string>>; readonly EncryptionContextSubset?: Readonly<Record<string, string>> };
  readonly createdMs: number;
  /** Random bytes (hex) every grant token of this grant carries. */
  readonly tokenSecret: string;
}

export interface AliasRecord {
  readonly v: typeof CODEC_VERSION;
  /** `alias/…` */
  readonly name: string;
  readonly targetKeyId: string;
  readonly createdMs: number;
  readonly updatedMs: number;
}

export const keyPrefix = (account: string, region: string): string => `kms/${account}/${region}/key/`;
export const keyPath = (account: string, region: string, keyId: string): string => `${keyPrefix(account, region)}${keyId}`;
export const aliasPrefix = (account: string, region: string): string => `kms/${account}/${region}/alias/`;
export const aliasPath = (account: string, region: string, name: string): string => `${aliasPrefix(account, region)}${name.slice('alias/'.length)}`;
/** Keys scheduled for deletion, ordered by deletion time, so expired keys are found without a full scan. */
export const deletionPrefix = (account: string, region: string): string => `kms/${account}/${region}/deletion/`;
const deletionPath = (account: string, region: string, deletionMs: number, keyId: string): string =>
  `${deletionPrefix(account, region)}${String(deletionMs).padStart(15, '0')}/${keyId}`;
/** A key's grants, listed and deleted with it. */
export const grantPrefix = (account: string, region: string, keyId: string): string => `kms/${account}/${region}/grant/${keyId}/`;
const allGrantsPrefix = (account: string, region: string): string => `kms/${account}/${region}/grant/`;
const grantPath = (account: string, region: string, keyId: string, grantId: string): string => `${grantPrefix(account, region, keyId)}${grantId}`;
/** AAD of the rotation seed of the key stored at `path`. */
const seedAad = (path: string): string => `${path}#rotation-seed`;
/** AAD of import tokens for the key stored at `path` (a token for another key does not open). */
const importTokenAad = (path: string): string => `${path}#import-token`;

const materialAad = (path: string, version: number): string => `${path}#${version}`;

function encode(rec: KeyRecord | AliasRecord | GrantRecord): Uint8Array {
  return Buffer.from(JSON.stringify(rec), 'utf8');
}

function decode<T extends { v: number }>(entry: Entry): T {
  const rec = JSON.parse(Buffer.from(entry.value).toString('utf8')) as T;
  if (rec.v !== CODEC_VERSION) throw new WardenBug(`${entry.key} has record version ${rec.v}, which this Warden does not read`);
  return rec;
}

// ---------------------------------------------------------------------------------------------
// Cache of decoded key records and unsealed material, per barrier (one per Warden).

export interface KeyObjects {
  readonly secret: KeyObject;
  readonly publicKey?: KeyObject;
}

interface Cached {
  readonly rec: KeyRecord;
  readonly material: Map<number, KeyObjects>;
}

const caches = new WeakMap<object, DecodedCache<Cached>>();

/** A key record as read in this request, with the handle its material is reached through. */
export interface LoadedKey {
  readonly rec: KeyRecord;
  readonly path: string;
  /** The row's store version, for optimistic writes. */
  readonly version: number;
  readonly cached: Cached;
}

/** The decoded record and its unsealed material, reused while the stored bytes are unchanged. */
function cached(ctx: KeyReader, entry: Entry): Cached {
  let cache = caches.get(ctx.barrier);
  if (cache === undefined) caches.set(ctx.barrier, (cache = new DecodedCache()));
  return cache.get(entry, (e) => ({ rec: decode<KeyRecord>(e), material: new Map() }));
}

/** What reading a key record and its material needs: a read transaction and the barrier. */
export interface KeyReader {
  readonly tx: ReadTx;
  readonly barrier: Ctx['barrier'];
}

export async function readKeyRecord(ctx: KeyReader, account: string, region: string, keyId: string): Promise<LoadedKey | undefined> {
  const path = keyPath(account, region, keyId);
  const entry = await ctx.tx.get(path);
  if (entry === undefined) return undefined;
  const c = cached(ctx, entry);
  return { rec: c.rec, path, version: entry.version, cached: c };
}

/** Decoded key records of one account and Region, in key id order. */
export async function scanKeyRecords(ctx: Ctx, account: string, region: string, after?: string, limit?: number): Promise<KeyRecord[]> {
  const prefix = keyPrefix(account, region);
  const entries = await ctx.tx.scan(prefix, { ...(after !== undefined ? { after: prefix + after } : {}), ...(limit !== undefined ? { limit } : {}) });
  return entries.map((e) => cached(ctx, e).rec);
}

export function putKeyRecord(ctx: Ctx, rec: KeyRecord, expectVersion?: number): void {
  ctx.tx.put(keyPath(rec.account, rec.region, rec.keyId), encode(rec), expectVersion);
  // The background job's index of automatic rotations. A row left behind when the date moves or
  // rotation is disabled is dropped by the job when it reaches it (the record decides).
  if (rec.rotation.enabled && rec.rotation.nextMs !== undefined) ctx.tx.put(dueRotationPath(rec.rotation.nextMs, rec), new Uint8Array(0));
}

export function deleteKeyRecord(ctx: Ctx, rec: KeyRecord): void {
  ctx.tx.delete(keyPath(rec.account, rec.region, rec.keyId));
}

/** Seals a secret for backing version `version` of the key stored at `path`. */
export function sealMaterial(ctx: Ctx, path: string, version: number, secret: Uint8Array): string {
  return Buffer.from(ctx.barrier.seal(materialAad(path, version), secret)).toString('base64');
}

/** A backing key sealed for the key stored at `fromPath`, sealed again for the one at `toPath` (a multi-Region replica). */
export function resealBacking(ctx: Ctx, fromPath: string, toPath: string, b: BackingKey): BackingKey {
  const secret = ctx.barrier.unseal(materialAad(fromPath, b.version), Buffer.from(b.sealed, 'base64'));
  try {
    return { ...b, sealed: sealMaterial(ctx, toPath, b.version, secret) };
  } finally {
    Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength).fill(0);
  }
}

/** The key objects of one backing version, unsealed once and cached; undefined if there is none. */
export function backingKeys(ctx: Pick<KeyReader, 'barrier'>, key: LoadedKey, version: number): KeyObjects | undefined {
  const hit = key.cached.material.get(version);
  if (hit !== undefined) return hit;
  const b = key.rec.backing.find((x) => x.version === version);
  if (b === undefined) return undefined;
  const secret = ctx.barrier.unseal(materialAad(key.path, version), Buffer.from(b.sealed, 'base64'));
  const objs = materialKeys(key.rec.keySpec, secret);
  Buffer.from(secret.buffer, secret.byteOffset, secret.byteLength).fill(0);
  key.cached.material.set(version, objs);
  return objs;
}

// ---------------------------------------------------------------------------------------------
// The deletion index

export function putDeletionIndex(ctx: Ctx, rec: KeyRecord): void {
  if (rec.deletionMs === undefined) return;
  ctx.tx.put(deletionPath(rec.account, rec.region, rec.deletionMs, rec.keyId), new Uint8Array(0));
  ctx.tx.put(dueDeletionPath(rec.deletionMs, rec), new Uint8Array(0));
}

export function deleteDeletionIndex(ctx: Ctx, rec: KeyRecord): void {
  if (rec.deletionMs === undefined) return;
  ctx.tx.delete(deletionPath(rec.account, rec.region, rec.deletionMs, rec.keyId));
  ctx.tx.delete(dueDeletionPath(rec.deletionMs, rec));
}

// ---------------------------------------------------------------------------------------------
// The background job's indexes: every account and Region, ordered by due time.

export type DueKind = 'deletion' | 'rotation';
const duePrefix = (kind: DueKind): string => `kms/_due/${kind}/`;
const duePath = (kind: DueKind, ms: number, rec: { account: string; region: string; keyId: string }): string =>
  `${duePrefix(kind)}${String(ms).padStart(15, '0')}/${rec.account}/${rec.region}/${rec.keyId}`;
const dueDeletionPath = (ms: number, rec: KeyRecord): string => duePath('deletion', ms, rec);
const dueRotationPath = (ms: number, rec: KeyRecord): string => duePath('rotation', ms, rec);

export interface DueEntry {
  readonly kind: DueKind;
  readonly ms: number;
  readonly account: string;
  readonly region: string;
  readonly keyId: string;
}

/** Up to `limit` entries of one index due by `nowMs`, oldest first. */
export async function dueEntries(tx: ReadTx, kind: DueKind, nowMs: number, limit: number): Promise<DueEntry[]> {
  const prefix = duePrefix(kind);
  const out: DueEntry[] = [];
  for (const e of await tx.scan(prefix, { limit })) {
    const [ms, account, region, keyId] = e.key.slice(prefix.length).split('/') as [string, string, string, string];
    if (Number(ms) > nowMs) break;
    out.push({ kind, ms: Number(ms), account, region, keyId });
  }
  return out;
}

export function deleteDueEntry(ctx: Ctx, e: DueEntry): void {
  ctx.tx.delete(duePath(e.kind, e.ms, e));
}

/** Up to `limit` index rows due by `nowMs`: their key ids and deletion times. */
export async function dueDeletions(ctx: Ctx, account: string, region: string, nowMs: number, limit = 16): Promise<{ keyId: string; deletionMs: number }[]> {
  const prefix = deletionPrefix(account, region);
  const out: { keyId: string; deletionMs: number }[] = [];
  for (const e of await ctx.tx.scan(prefix, { limit })) {
    const [ms, keyId] = e.key.slice(prefix.length).split('/') as [string, string];
    if (Number(ms) > nowMs) break;
    out.push({ keyId, deletionMs: Number(ms) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Aliases

export async function readAlias(tx: ReadTx, account: string, region: string, name: string): Promise<AliasRecord | undefined> {
  const entry = await tx.get(aliasPath(account, region, name));
  return entry === undefined ? undefined : decode<AliasRecord>(entry);
}

export async function scanAliases(ctx: Ctx, account: string, region: string, after?: string, limit?: number): Promise<AliasRecord[]> {
  const prefix = aliasPrefix(account, region);
  const page = { ...(after !== undefined ? { after: aliasPath(account, region, after) } : {}), ...(limit !== undefined ? { limit } : {}) };
  return (await ctx.tx.scan(prefix, page)).map((e) => decode<AliasRecord>(e));
}

export function putAlias(ctx: Ctx, account: string, region: string, rec: AliasRecord): void {
  ctx.tx.put(aliasPath(account, region, rec.name), encode(rec));
}

export function deleteAlias(ctx: Ctx, account: string, region: string, name: string): void {
  ctx.tx.delete(aliasPath(account, region, name));
}

export const newAlias = (name: string, targetKeyId: string, nowMs: number): AliasRecord => ({ v: CODEC_VERSION, name, targetKeyId, createdMs: nowMs, updatedMs: nowMs });

export const KEY_CODEC_VERSION = CODEC_VERSION;

// ---------------------------------------------------------------------------------------------
// Rotation seeds and import tokens (sealed by the barrier, bound to their key)

export function sealRotationSeed(ctx: Ctx, path: string, seed: Uint8Array): string {
  return Buffer.from(ctx.barrier.seal(seedAad(path), seed)).toString('base64');
}

export function unsealRotationSeed(ctx: Ctx, path: string, sealed: string): Uint8Array {
  return ctx.barrier.unseal(seedAad(path), Buffer.from(sealed, 'base64'));
}

/** A rotation seed sealed for the key at `fromPath`, sealed again for the one at `toPath`. */
export function resealRotationSeed(ctx: Ctx, fromPath: string, toPath: string, sealed: string): string {
  const seed = unsealRotationSeed(ctx, fromPath, sealed);
  try {
    return sealRotationSeed(ctx, toPath, seed);
  } finally {
    Buffer.from(seed.buffer, seed.byteOffset, seed.byteLength).fill(0);
  }
}

export function sealImportToken(ctx: Ctx, path: string, bytes: Uint8Array): Uint8Array {
  return ctx.barrier.seal(importTokenAad(path), bytes);
}

/** The token's bytes, or undefined when it was not made for the key stored at `path`. */
export function unsealImportToken(ctx: Ctx, path: string, token: Uint8Array): Uint8Array | undefined {
  try {
    return ctx.barrier.unseal(importTokenAad(path), token);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Grants

export async function readGrant(ctx: Ctx, account: string, region: string, keyId: string, grantId: string): Promise<GrantRecord | undefined> {
  const entry = await ctx.tx.get(grantPath(account, region, keyId, grantId));
  return entry === undefined ? undefined : decode<GrantRecord>(entry);
}

/** A key's grants in grant id order, after `after` (a grant id). */
export async function scanGrants(ctx: Ctx, account: string, region: string, keyId: string, after?: string, limit?: number): Promise<GrantRecord[]> {
  const prefix = grantPrefix(account, region, keyId);
  const page = { ...(after !== undefined ? { after: prefix + after } : {}), ...(limit !== undefined ? { limit } : {}) };
  return (await ctx.tx.scan(prefix, page)).map((e) => decode<GrantRecord>(e));
}

/** Every grant of an account and Region, in key id then grant id order, after `after` (`<key id>/<grant id>`). */
export async function scanAllGrants(ctx: Ctx, account: string, region: string, after?: string, limit?: number): Promise<GrantRecord[]> {
  const prefix = allGrantsPrefix(account, region);
  const page = { ...(after !== undefined ? { after: prefix + after } : {}), ...(limit !== undefined ? { limit } : {}) };
  return (await ctx.tx.scan(prefix, page)).map((e) => decode<GrantRecord>(e));
}

export function putGrant(ctx: Ctx, account: string, region: string, rec: GrantRecord): void {
  ctx.tx.put(grantPath(account, region, rec.keyId, rec.grantId), encode(rec));
}

export function deleteGrant(ctx: Ctx, account: string, region: string, rec: GrantRecord): void {
  ctx.tx.delete(grantPath(account, region, rec.keyId, rec.grantId));
}
