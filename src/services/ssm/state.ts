/**
 * Parameter Store's stored records and their storage keys (built here only):
 *
 *   ssm/<account>/<region>/parameter/<name>   ParameterRecord (its retained versions, tags)
 *   ssm/<account>/<region>/setting/<id>       ServiceSettingRecord (a customized service setting)
 *
 * String and StringList values are stored as given (AWS does not encrypt them). A SecureString
 * value is never stored in clear: it is sealed (AES-256-GCM) under a data key KMS generated on the
 * caller's behalf, and only the sealed value and KMS's ciphertext blob of the data key are kept.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { WardenBug } from '../../core/errors.js';
import type { Ctx } from '../../core/operation.js';
import type { Entry, ReadTx, WriteTx } from '../../store/store.js';
import type { ParameterTier, ParameterType } from './model.gen.js';

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
  const rec = decode(entry);
  return isExpired(rec, ctx.clock.now()) ? undefined : { rec, version: entry.version };
}

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

export function deleteParameterIn(tx: WriteTx, rec: ParameterRecord, expectVersion?: number): void {
  tx.delete(prefixOf(rec.account, rec.region) + rec.name, expectVersion);
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

export function deleteParameterRecord(ctx: Ctx, rec: ParameterRecord): void {
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
