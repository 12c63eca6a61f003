/**
 * Parameter Store's stored records and their storage keys (built here only):
 *
 *   ssm/<account>/<region>/parameter/<name>   ParameterRecord (its retained versions, tags)
 *   ssm/<account>/<region>/setting/<id>       ServiceSettingRecord (a customized service setting)
 *   ssm/<account>/<region>/tier-count/…       TierCount: stored parameters by tier, for the quotas (tierCounter)
 *
 * String and StringList values are stored as given (AWS does not encrypt them). A SecureString
 * value is never stored in clear: it is sealed (AES-256-GCM) under a data key KMS generated on the
 * caller's behalf, and only the sealed value and KMS's ciphertext blob of the data key are kept.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomInt } from 'node:crypto';
import { WardenBug } from '../../core/errors.js';
import type { Ctx } from '../../core/operation.js';
import type { Entry, ReadTx, WriteTx } from '../../store/store.js';
import type { ParameterTier, ParameterType } from './model.gen.js';
import { DecodedCache } from '../../store/decoded-cache.js';

const CODEC_VERSION = 1;

export interface ParameterVersion {
  readonly version: number;
  readonly type: ParameterType;
  readonly tier: ParameterTier;
  readonly dataType: string;
  readonly modifiedMs: number;
  readonly user: string;
  readonly labels: readonly string[];
  readonly description?: string;
  readonly allowedPattern?: string;
  /** SecureString only: KeyId as AWS reports it (`alias/aws/ssm` or the caller's KeyId). */
  readonly keyId?: string;
  /** SecureString only: the key ARN that encrypted the data key. */
  readonly keyArn?: string;
  /** SecureString only: base64 of KMS's ciphertext blob of the data key. */
  readonly dataKey?: string;
  /** The value (String, StringList) or base64 of iv ‖ tag ‖ ciphertext (SecureString). */
  readonly value: string;
  /** Parameter policies in force when this version was written (Advanced tier only). */
  readonly policies?: readonly StoredPolicy[];
}

/** One parameter policy as stored: the caller's JSON object text, its type and status. */
export interface StoredPolicy {
  readonly text: string;
  readonly type: 'Expiration' | 'ExpirationNotification' | 'NoChangeNotification';
  readonly status: 'Pending' | 'Finished' | 'Failed' | 'InProgress';
  /** Expiration: when the parameter is deleted (epoch ms). */
  readonly atMs?: number;
  /** Notifications: the period (ms) before expiry / after the last change. */
  readonly periodMs?: number;
}

export interface StoredTag {
  readonly Key: string;
  readonly Value: string;
}

export interface ParameterRecord {
  readonly v: typeof CODEC_VERSION;
  readonly name: string;
  readonly arn: string;
  readonly account: string;
  readonly region: string;
  /** Oldest first; the last is the current version. */
  readonly versions: readonly ParameterVersion[];
  /** Tags (AddTagsToResource, PutParameter Tags). Absent in records written before tags. */
  readonly tags?: readonly StoredTag[];
}

export interface LoadedParameter {
  readonly rec: ParameterRecord;
  readonly version: number;
}

export const PARAMETER_CODEC_VERSION = CODEC_VERSION;

const prefixOf = (account: string, region: string): string => `ssm/${account}/${region}/parameter/`;

function decode(entry: Entry): ParameterRecord {
  const rec = JSON.parse(Buffer.from(entry.value).toString('utf8')) as ParameterRecord;
  if (rec.v !== CODEC_VERSION) throw new WardenBug(`${entry.key} has record version ${rec.v}, which this Warden does not read`);
  return rec;
}

/** When an Expiration policy deletes the current version's parameter, or undefined. */
export function expiresAtMs(rec: ParameterRecord): number | undefined {
  return current(rec).policies?.find((p) => p.type === 'Expiration')?.atMs;
}

/**
 * True once the parameter's Expiration policy is due: it no longer exists for readers, even
 * before the background job (jobs.ts) deletes it and records the deletion.
 */
export const isExpired = (rec: ParameterRecord, nowMs: number): boolean => {
  const at = expiresAtMs(rec);
  return at !== undefined && at <= nowMs;
};

export async function readParameter(ctx: Ctx, account: string, region: string, name: string): Promise<LoadedParameter | undefined> {
  const entry = await ctx.tx.get(prefixOf(account, region) + name);
  if (entry === undefined) return undefined;
  let cache = decodedParameters.get(ctx.barrier);
  if (cache === undefined) decodedParameters.set(ctx.barrier, (cache = new DecodedCache()));
  const rec = cache.get(entry, decode);
  return isExpired(rec, ctx.clock.now()) ? undefined : { rec, version: entry.version };
}

/** Decoded parameter records, per Warden (ParameterRecord is readonly throughout). */
const decodedParameters = new WeakMap<object, DecodedCache<ParameterRecord>>();

/** The parameters of the caller's account and Region whose names start with `namePrefix`, in name order. */
export async function scanParameters(ctx: Ctx, namePrefix = ''): Promise<ParameterRecord[]> {
  const now = ctx.clock.now();
  return (await ctx.tx.scan(prefixOf(ctx.account, ctx.region) + namePrefix)).map(decode).filter((r) => !isExpired(r, now));
}

/** Every stored parameter of every account and Region (the policy job). */
export async function scanAllParameters(tx: ReadTx): Promise<Array<{ rec: ParameterRecord; version: number }>> {
  return (await tx.scan('ssm/')).filter((e) => e.key.split('/')[3] === 'parameter').map((e) => ({ rec: decode(e), version: e.version }));
}

export function putParameterIn(tx: WriteTx, rec: ParameterRecord, expectVersion?: number): void {
  tx.put(prefixOf(rec.account, rec.region) + rec.name, Buffer.from(JSON.stringify(rec), 'utf8'), expectVersion);
}

/** Deletes a parameter (the policy job) and takes it off the tier count. */
export async function deleteParameterIn(tx: WriteTx, rec: ParameterRecord, expectVersion?: number): Promise<void> {
  await countTierChange(tx, rec.account, rec.region, current(rec).tier as StoredTier, undefined);
  tx.delete(prefixOf(rec.account, rec.region) + rec.name, expectVersion);
}

/**
 * How many parameters of each tier the account and Region store (expired ones the policy job has
 * not deleted yet included), kept in the transactions that create, re-tier or delete one, so
 * PutParameter checks the quotas without scanning the parameters:
 *
 *   ssm/<account>/<region>/tier-count/base   the records stored before the count was kept (one scan, once)
 *   ssm/<account>/<region>/tier-count/sNN    SHARDS shards of changes since (may be negative)
 *
 * The count is the base plus every shard. A change goes to a random shard and reads only that one
 * (the others are scanned, and scans are no part of a transaction's read set), so concurrent
 * creates rarely conflict. Near a quota that would let racing creates overshoot it, so there a
 * change reads every shard (joining the read set) and writes shard 00: racing creates conflict,
 * retry and see each other, and the quota holds exactly. So that they do not all retry in step
 * (and run out of retries), creates near a quota in this process also take turns (takeTurn).
 */
export interface TierCount {
  readonly standard: number;
  readonly advanced: number;
}

export type StoredTier = 'Standard' | 'Advanced';

const SHARDS = 32;
const countPrefix = (account: string, region: string): string => `ssm/${account}/${region}/tier-count/`;
const BASE = 'base';
const EXACT_SHARD = 's00';

const decodeCount = (e: Entry): TierCount => {
  const c = JSON.parse(Buffer.from(e.value).toString('utf8')) as TierCount;
  return { standard: c.standard, advanced: c.advanced };
};
const encodeCount = (c: TierCount): Uint8Array => Buffer.from(JSON.stringify({ v: CODEC_VERSION, standard: c.standard, advanced: c.advanced }), 'utf8');
const plus = (a: TierCount, b: TierCount): TierCount => ({ standard: a.standard + b.standard, advanced: a.advanced + b.advanced });
const ZERO: TierCount = { standard: 0, advanced: 0 };

/**
 * Near a quota, changes to one account and Region's count take turns in this process: a turn is
 * held until the next turn of the event loop, by which time the transaction that took it has
 * committed (a commit follows its handler's last microtask synchronously). Only a hint against
 * retry storms: correctness comes from the read set, across processes too.
 */
const turns = new Map<string, Promise<void>>();
async function takeTurn(key: string): Promise<void> {
  const before = turns.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = before.then(() => new Promise<void>((r) => (release = r)));
  turns.set(key, mine);
  await before;
  setImmediate(() => {
    release();
    if (turns.get(key) === mine) turns.delete(key);
  });
}

/** The stored parameters, counted by scanning them: the base, the first time a count is needed. */
async function countRecords(tx: ReadTx, account: string, region: string): Promise<TierCount> {
  let standard = 0;
  let advanced = 0;
  for (const rec of (await tx.scan(prefixOf(account, region))).map(decode)) {
    if (current(rec).tier === 'Advanced') advanced++;
    else standard++;
  }
  return { standard, advanced };
}

/** The count, from a scan (no read-set entry: a racing change is not seen). */
export async function readTierCount(tx: ReadTx, account: string, region: string): Promise<TierCount> {
  const entries = await tx.scan(countPrefix(account, region));
  const base = entries.find((e) => e.key.endsWith(`/${BASE}`));
  let count = base !== undefined ? decodeCount(base) : await countRecords(tx, account, region);
  for (const e of entries) if (e !== base) count = plus(count, decodeCount(e));
  return count;
}

export interface TierCounter {
  /** The count this transaction sees: exact (read-set) when `exact`. */
  readonly count: TierCount;
  readonly exact: boolean;
  /**
   * Records one parameter moving between tiers: `from` undefined creates, `to` undefined deletes.
   * Call it BEFORE writing or deleting the record itself (a first count scans the stored records,
   * this transaction's writes included).
   */
  change(from: StoredTier | undefined, to: StoredTier | undefined): Promise<void>;
}

/**
 * The tier count of an account and Region for one transaction. `exactWhen` says, given the count
 * a scan sees, whether the change must be exact (close to a quota).
 */
export async function tierCounter(tx: WriteTx, account: string, region: string, exactWhen: (count: TierCount) => boolean = () => false): Promise<TierCounter> {
  const prefix = countPrefix(account, region);
  // The base is written once per account and Region: reading it joins the read set at no cost,
  // and racing first changes conflict on it, so only one counts the records.
  const baseEntry = await tx.get(prefix + BASE);
  const base = baseEntry !== undefined ? decodeCount(baseEntry) : await countRecords(tx, account, region);
  let count = base;
  const shards = (await tx.scan(prefix)).filter((e) => !e.key.endsWith(`/${BASE}`));
  for (const e of shards) count = plus(count, decodeCount(e));
  const exact = exactWhen(count);
  if (exact) {
    await takeTurn(prefix);
    count = base;
    const keys = new Set([prefix + EXACT_SHARD, ...(await tx.scan(prefix)).map((e) => e.key).filter((k) => !k.endsWith(`/${BASE}`))]);
    for (const key of keys) {
      const read = await tx.get(key);
      if (read !== undefined) count = plus(count, decodeCount(read));
    }
  }
  return {
    count,
    exact,
    async change(from, to) {
      if (from === to) return;
      if (baseEntry === undefined) tx.put(prefix + BASE, encodeCount(base), 0);
      const key = prefix + (exact ? EXACT_SHARD : `s${String(randomInt(SHARDS)).padStart(2, '0')}`);
      const shard = await tx.get(key);
      const delta = (t: StoredTier): number => (to === t ? 1 : 0) - (from === t ? 1 : 0);
      const next = plus(shard !== undefined ? decodeCount(shard) : ZERO, { standard: delta('Standard'), advanced: delta('Advanced') });
      tx.put(key, encodeCount(next), shard?.version ?? 0);
    },
  };
}

/** Takes one parameter off the count (a delete). */
export async function countTierChange(tx: WriteTx, account: string, region: string, from: StoredTier | undefined, to: StoredTier | undefined): Promise<void> {
  await (await tierCounter(tx, account, region)).change(from, to);
}

/** The tier of the record stored under a name, expired or not (undefined: none stored). */
export async function storedTier(tx: ReadTx, account: string, region: string, name: string): Promise<StoredTier | undefined> {
  const entry = await tx.get(prefixOf(account, region) + name);
  return entry === undefined ? undefined : current(decode(entry)).tier as StoredTier;
}

/** A service setting changed from its default (UpdateServiceSetting). */
export interface ServiceSettingRecord {
  readonly v: typeof CODEC_VERSION;
  readonly id: string;
  readonly value: string;
  readonly modifiedMs: number;
  readonly user: string;
}

const settingKey = (account: string, region: string, id: string): string => `ssm/${account}/${region}/setting${id}`;

export async function readSetting(ctx: Ctx, id: string): Promise<ServiceSettingRecord | undefined> {
  const e = await ctx.tx.get(settingKey(ctx.account, ctx.region, id));
  return e === undefined ? undefined : (JSON.parse(Buffer.from(e.value).toString('utf8')) as ServiceSettingRecord);
}

export function putSetting(ctx: Ctx, rec: ServiceSettingRecord): void {
  ctx.tx.put(settingKey(ctx.account, ctx.region, rec.id), Buffer.from(JSON.stringify(rec), 'utf8'));
}

export function deleteSetting(ctx: Ctx, id: string): void {
  ctx.tx.delete(settingKey(ctx.account, ctx.region, id));
}

export function putParameterRecord(ctx: Ctx, rec: ParameterRecord, expectVersion?: number): void {
  ctx.tx.put(prefixOf(rec.account, rec.region) + rec.name, Buffer.from(JSON.stringify(rec), 'utf8'), expectVersion);
}

/** Deletes a parameter and takes it off the tier count. */
export async function deleteParameterRecord(ctx: Ctx, rec: ParameterRecord): Promise<void> {
  await countTierChange(ctx.tx, rec.account, rec.region, current(rec).tier as StoredTier, undefined);
  ctx.tx.delete(prefixOf(rec.account, rec.region) + rec.name);
}

export const current = (rec: ParameterRecord): ParameterVersion => {
  const v = rec.versions[rec.versions.length - 1];
  if (v === undefined) throw new WardenBug(`parameter ${rec.name} has no version`);
  return v;
};

/** `arn:aws:ssm:<region>:<account>:parameter/<name without its leading slash>` (SSM user guide). */
export const parameterArn = (account: string, region: string, name: string): string => `arn:aws:ssm:${region}:${account}:parameter/${name.replace(/^\//, '')}`;

/** AES-256-GCM under a data key: iv(12) ‖ tag(16) ‖ ciphertext, AAD = the parameter ARN and version. */
export function sealValue(dataKey: Uint8Array, aad: string, value: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', dataKey, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([c.update(Buffer.from(value, 'utf8')), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64');
}

export function openValue(dataKey: Uint8Array, aad: string, sealed: string): string {
  const b = Buffer.from(sealed, 'base64');
  const d = createDecipheriv('aes-256-gcm', dataKey, b.subarray(0, 12));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(b.subarray(12, 28));
  return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
}
