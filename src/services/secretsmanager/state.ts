/**
 * Secrets Manager's stored records and their storage keys (built here only):
 *
 *   secretsmanager/<account>/<region>/secret/<name>   SecretRecord (all its versions)
 *
 * A version's value is never stored in clear: it is encrypted (AES-256-GCM) under a data key
 * that KMS generated for the caller, and only the encrypted value and KMS's ciphertext blob of
 * the data key are kept, like AWS (https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { WardenBug } from '../../core/errors.js';
import type { Ctx } from '../../core/operation.js';
import type { Entry } from '../../store/store.js';
import type { Tag } from './model.gen.js';

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

export async function readSecret(ctx: Ctx, account: string, region: string, name: string): Promise<LoadedSecret | undefined> {
  const entry = await ctx.tx.get(pathOf(account, region, name));
  return entry === undefined ? undefined : { rec: decode(entry), version: entry.version };
}

/** Every secret of an account and Region, in name order. */
export async function scanSecrets(ctx: Ctx, account: string, region: string): Promise<SecretRecord[]> {
  return (await ctx.tx.scan(prefixOf(account, region))).map(decode);
}

export function putSecret(ctx: Ctx, rec: SecretRecord, expectVersion?: number): void {
  ctx.tx.put(pathOf(rec.account, rec.region, rec.name), Buffer.from(JSON.stringify(rec), 'utf8'), expectVersion);
}

export function deleteSecretRecord(ctx: Ctx, rec: SecretRecord): void {
  ctx.tx.delete(pathOf(rec.account, rec.region, rec.name));
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
