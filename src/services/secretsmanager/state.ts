/**
 * Secrets Manager's stored records and their storage keys (built here only):
 *
 *   secretsmanager/<account>/<region>/secret/<name>   SecretRecord (all its versions; a replica: a pointer)
 *   secretsmanager/global/global/due/<ms>/<account>/<region>/<name>   schedule index (below)
 *
 * A version's value is never stored in clear: it is encrypted (AES-256-GCM) under a data key
 * that KMS generated for the caller, and only the encrypted value and KMS's ciphertext blob of
 * the data key are kept, like AWS (https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { WardenBug } from '../../core/errors.js';
import type { Ctx } from '../../core/operation.js';
import type { Entry, ReadTx, WriteTx } from '../../store/store.js';
import type { Tag } from './model.gen.js';
import { DecodedCache } from '../../store/decoded-cache.js';

const CODEC_VERSION = 1;

export interface VersionRecord {
  readonly id: string;
  readonly stages: readonly string[];
  readonly createdMs: number;
  readonly kind: 'string' | 'binary';
  /** The KMS key that encrypted the data key (key ARN). */
  readonly keyArn: string;
  /** base64 of KMS's ciphertext blob of the data key. */
  readonly dataKey: string;
  /** base64 of iv ‖ tag ‖ ciphertext of the value under the data key. */
  readonly value: string;
}

export interface SecretRecord {
  readonly v: typeof CODEC_VERSION;
  readonly name: string;
  readonly arn: string;
  readonly account: string;
  readonly region: string;
  readonly createdMs: number;
  readonly lastChangedMs: number;
  readonly description?: string;
  /** KmsKeyId as the caller gave it; absent for the AWS managed key. */
  readonly kmsKeyId?: string;
  readonly tags: readonly Tag[];
  readonly policy?: string;
  /** When DeleteSecret was called. */
  readonly deletedMs?: number;
  /** When the secret is deleted for good (end of the recovery window). */
  readonly deletionMs?: number;
  /** Oldest first. */
  readonly versions: readonly VersionRecord[];
  /** Rotation as configured by RotateSecret (kept, disabled, by CancelRotateSecret). */
  readonly rotation?: RotationConfig;
  /** A rotation in progress, run by the rotation job (rotation.ts). */
  readonly rotating?: RotationRun;
  /** Replica Regions of a primary secret. */
  readonly replicas?: readonly ReplicaRecord[];
  /** Set on a replica: the primary's Region. A replica holds no versions; it reads its primary's. */
  readonly primaryRegion?: string;
  /** Only in a replica's view (never stored): the primary's ARN, which its values are bound to. */
  readonly sourceArn?: string;
  /** When the schedule index (below) expects work on this secret; maintained by putSecret. */
  readonly due?: number;
}

export interface RotationConfig {
  readonly enabled: boolean;
  readonly lambdaArn?: string;
  readonly rules?: { readonly AutomaticallyAfterDays?: number; readonly ScheduleExpression?: string; readonly Duration?: string };
  /** When rotation was (re)configured: the start of the first interval. */
  readonly configuredMs: number;
  readonly lastRotatedMs?: number;
  /** Start of the next rotation window. */
  readonly nextMs?: number;
}

export type RotationStepName = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';

export interface RotationRun {
  /** The new version's id (the Lambda event's ClientRequestToken). */
  readonly token: string;
  /** The opaque RotationToken sent with each step. */
  readonly rotationToken: string;
  readonly lambdaArn: string;
  /** The steps still to run, in order. */
  readonly steps: readonly RotationStepName[];
  /** RotateImmediately=false: only testSecret, to check the configuration. */
  readonly testOnly: boolean;
  readonly startedMs: number;
  /** Whether RotationStarted has been recorded. */
  readonly announced: boolean;
}

export interface ReplicaRecord {
  readonly region: string;
  readonly kmsKeyId?: string;
  readonly status: 'InSync' | 'Failed' | 'InProgress';
  readonly statusMessage?: string;
}

export interface LoadedSecret {
  readonly rec: SecretRecord;
  readonly version: number;
}

const prefixOf = (account: string, region: string): string => `secretsmanager/${account}/${region}/secret/`;
const pathOf = (account: string, region: string, name: string): string => `${prefixOf(account, region)}${name}`;

function decode(entry: Entry): SecretRecord {
  const rec = JSON.parse(Buffer.from(entry.value).toString('utf8')) as SecretRecord;
  if (rec.v !== CODEC_VERSION) throw new WardenBug(`${entry.key} has record version ${rec.v}, which this Warden does not read`);
  return rec;
}

/** Decoded secret records, per Warden (SecretRecord is readonly throughout). */
const decodedSecrets = new WeakMap<object, DecodedCache<SecretRecord>>();

export async function readSecret(ctx: Ctx, account: string, region: string, name: string): Promise<LoadedSecret | undefined> {
  const entry = await ctx.tx.get(pathOf(account, region, name));
  if (entry === undefined) return undefined;
  let cache = decodedSecrets.get(ctx.barrier);
  if (cache === undefined) decodedSecrets.set(ctx.barrier, (cache = new DecodedCache()));
  return { rec: cache.get(entry, decode), version: entry.version };
}

/** Every secret of an account and Region, in name order. */
export async function scanSecrets(ctx: Ctx, account: string, region: string): Promise<SecretRecord[]> {
  return (await ctx.tx.scan(prefixOf(account, region))).map(decode);
}

/**
 * The schedule index: one key per secret that has work due (a rotation step, a scheduled rotation,
 * the end of its recovery window), ordered by due time, so the background job reads only what is due:
 *
 *   secretsmanager/global/global/due/<due ms, 15 digits>/<account>/<region>/<name>
 */
const DUE_PREFIX = 'secretsmanager/global/global/due/';
const dueKey = (due: number, rec: { account: string; region: string; name: string }): string =>
  `${DUE_PREFIX}${String(due).padStart(15, '0')}/${rec.account}/${rec.region}/${rec.name}`;

/** When the background job must next look at this secret, if ever. */
export function dueOf(rec: SecretRecord): number | undefined {
  if (rec.primaryRegion !== undefined) return undefined;
  if (rec.deletionMs !== undefined) return rec.deletionMs;
  if (rec.rotating !== undefined) return rec.rotating.startedMs;
  if (rec.rotation?.enabled === true && rec.rotation.nextMs !== undefined) return rec.rotation.nextMs;
  return undefined;
}

interface WriteView {
  readonly tx: Pick<WriteTx, 'put' | 'delete'>;
}

/**
 * Writes a secret and keeps its schedule entry current. `rec` is built by spreading the stored
 * record, so `rec.due` is the entry stored with it.
 */
export function putSecret(ctx: WriteView, rec: SecretRecord, expectVersion?: number): void {
  if (rec.sourceArn !== undefined) throw new WardenBug(`a replica's view of ${rec.name} was about to be stored`);
  const due = dueOf(rec);
  if (rec.due !== due) {
    if (rec.due !== undefined) ctx.tx.delete(dueKey(rec.due, rec));
    if (due !== undefined) ctx.tx.put(dueKey(due, rec), new Uint8Array(0));
  }
  const { due: _old, ...rest } = rec;
  const stored: SecretRecord = due === undefined ? rest : { ...rest, due };
  ctx.tx.put(pathOf(rec.account, rec.region, rec.name), Buffer.from(JSON.stringify(stored), 'utf8'), expectVersion);
}

export function deleteSecretRecord(ctx: WriteView, rec: SecretRecord): void {
  if (rec.due !== undefined) ctx.tx.delete(dueKey(rec.due, rec));
  ctx.tx.delete(pathOf(rec.account, rec.region, rec.name));
}

export interface DueEntry {
  readonly key: string;
  readonly due: number;
  readonly account: string;
  readonly region: string;
  readonly name: string;
}

/** Schedule entries due at or before `nowMs`, earliest first (at most `limit`). */
export async function dueEntries(tx: ReadTx, nowMs: number, limit = 100): Promise<DueEntry[]> {
  const out: DueEntry[] = [];
  for (const e of await tx.scan(DUE_PREFIX, { limit })) {
    const m = /^(\d{15})\/(\d{12})\/([^/]+)\/(.+)$/.exec(e.key.slice(DUE_PREFIX.length));
    if (m === null) continue;
    const due = Number(m[1]);
    if (due > nowMs) break;
    out.push({ key: e.key, due, account: m[2]!, region: m[3]!, name: m[4]! });
  }
  return out;
}

/** Reads a secret in a job's transaction (no Ctx). */
export async function readSecretTx(tx: ReadTx, account: string, region: string, name: string): Promise<LoadedSecret | undefined> {
  const entry = await tx.get(pathOf(account, region, name));
  return entry === undefined ? undefined : { rec: decode(entry), version: entry.version };
}

export const SECRET_CODEC_VERSION = CODEC_VERSION;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `arn:aws:secretsmanager:<region>:<account>:secret:<name>-<6 random alphanumerics>`. */
export function newSecretArn(account: string, region: string, name: string): string {
  const suffix = Array.from(randomBytes(6), (b) => ALNUM[b % ALNUM.length]).join('');
  return `arn:aws:secretsmanager:${region}:${account}:secret:${name}-${suffix}`;
}

/** AES-256-GCM under a data key: iv(12) ‖ tag(16) ‖ ciphertext, AAD = the version id. */
export function sealValue(dataKey: Uint8Array, versionId: string, value: Uint8Array): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', dataKey, iv);
  c.setAAD(Buffer.from(versionId, 'utf8'));
  const ct = Buffer.concat([c.update(value), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64');
}

export function openValue(dataKey: Uint8Array, versionId: string, sealed: string): Buffer {
  const b = Buffer.from(sealed, 'base64');
  const d = createDecipheriv('aes-256-gcm', dataKey, b.subarray(0, 12));
  d.setAAD(Buffer.from(versionId, 'utf8'));
  d.setAuthTag(b.subarray(12, 28));
  return Buffer.concat([d.update(b.subarray(28)), d.final()]);
}
