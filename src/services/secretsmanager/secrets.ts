/** What Secrets Manager's operations share: finding a secret, authorizing on it, staging labels, shapes. */
import { randomUUID } from 'node:crypto';
import { ProtocolError } from '../../core/errors.js';
import type { ConditionValue, Ctx } from '../../core/operation.js';
import { InvalidParameterException, InvalidRequestException, LimitExceededException, ResourceExistsException, ResourceNotFoundException } from './errors.js';
import type { DescribeSecretResponse, ReplicationStatusType, SecretVersionsListEntry, Tag } from './model.gen.js';
import { replicaView } from './replication.js';
import { purgeSecret } from './service.js';
import { readSecret, type LoadedSecret, type SecretRecord, type VersionRecord } from './state.js';

// Messages seen from the real service (aws-facts §2.1; terraform-provider-aws matches the
// marked-for-deletion text). // unverified: not-found and exists texts beyond aws-facts
export const NOT_FOUND = "Secrets Manager can't find the specified secret.";
export const MARKED_FOR_DELETION = "You can't perform this operation on the secret because it was marked for deletion.";

export { resolveViews } from './replication.js';

export const notFound = (): ResourceNotFoundException => new ResourceNotFoundException(NOT_FOUND);

const ARN = /^arn:aws:secretsmanager:([^:]*):(\d{12}):secret:(.+)$/;
const SUFFIX = /-[A-Za-z0-9]{6}$/;

export interface SecretRef {
  readonly account: string;
  readonly region: string;
  /** Candidate names: a full ARN's name without its suffix, else the name as given. */
  readonly names: readonly string[];
  /** The full ARN given, to check against the record. */
  readonly arn?: string;
  /** An ARN-like resource for authorization when the secret does not exist. */
  readonly resource: string;
}

/**
 * A new secret's name: ASCII letters, digits and `/_+=.@-` (CreateSecret API reference; AWS also
 * takes `!`). AWS's answer to others as users reported it (smithy-lang/smithy-typescript#1546).
 */
export function checkName(name: string): void {
  if (!/^[A-Za-z0-9/_+=.@!-]+$/.test(name)) throw new ProtocolError('ValidationException', 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
}

/** A SecretId: a name, a full ARN, or a partial ARN (without the random suffix). */
export function parseSecretId(ctx: Ctx, id: string): SecretRef {
  const m = ARN.exec(id);
  if (m === null) return { account: ctx.account, region: ctx.region, names: [id], resource: `arn:aws:secretsmanager:${ctx.region}:${ctx.account}:secret:${id}` };
  const [, region, account, rest] = m as unknown as [string, string, string, string];
  const names = SUFFIX.test(rest) ? [rest.slice(0, -7), rest] : [rest];
  return { account, region, names, arn: id, resource: id };
}

/** True once a secret scheduled for deletion has passed its deletion date: it no longer exists. */
export const isGone = (rec: SecretRecord, nowMs: number): boolean => rec.deletionMs !== undefined && rec.deletionMs <= nowMs;

export interface Found extends LoadedSecret {
  readonly ref: SecretRef;
  /** For a replica: its own stored record (`rec` is then the replica's view of the primary). */
  readonly replica?: SecretRecord;
}

// A replica is read-only (create-manage-multi-region-secrets.html). // unverified: AWS's text
export const REPLICA_READ_ONLY = 'Operation is not permitted on a replica secret. Call the operation on the primary secret.';

export function assertNotReplica(rec: SecretRecord): void {
  if (rec.primaryRegion !== undefined) throw new InvalidRequestException(REPLICA_READ_ONLY);
}

/** The secret a SecretId names, or undefined. Secrets past their deletion date are purged by writes. */
export async function findSecret(ctx: Ctx, id: string, purge = false): Promise<{ found?: Found; ref: SecretRef }> {
  const ref = parseSecretId(ctx, id);
  if (ref.region !== ctx.region) return { ref };
  for (const name of ref.names) {
    const s = await readSecret(ctx, ref.account, ref.region, name);
    if (s === undefined) continue;
    if (isGone(s.rec, ctx.clock.now())) {
      if (purge) purgeSecret(ctx.tx, s.rec, ctx.clock.now());
      continue;
    }
    // A full ARN's suffix must be the secret's; without a match the whole rest is a partial ARN's name.
    if (ref.arn !== undefined && ref.names.length === 2 && name === ref.names[0] && s.rec.arn !== ref.arn) continue;
    if (s.rec.primaryRegion !== undefined) {
      const view = await replicaView(ctx, s.rec);
      if (view === undefined) continue;
      return { found: { rec: view, version: s.version, ref, replica: s.rec }, ref };
    }
    return { found: { ...s, ref }, ref };
  }
  return { ref };
}

/** The condition keys of a request on an existing secret. */
export function secretConditions(rec: SecretRecord): Record<string, ConditionValue> {
  const c: Record<string, ConditionValue> = { 'secretsmanager:SecretId': rec.arn, 'secretsmanager:SecretPrimaryRegion': rec.primaryRegion ?? rec.region };
  if (rec.rotation?.lambdaArn !== undefined) c['secretsmanager:resource/AllowRotationLambdaArn'] = rec.rotation.lambdaArn;
  for (const t of rec.tags) {
    c[`aws:ResourceTag/${t.Key}`] = t.Value ?? '';
    c[`secretsmanager:ResourceTag/${t.Key}`] = t.Value ?? '';
  }
  return c;
}

/**
 * Finds the secret and authorizes `action` on it with its resource policy. A secret that does not
 * exist is authorized on the ARN the caller gave (so another account is denied, not told), then
 * ResourceNotFoundException.
 */
export async function loadAuthorized(ctx: Ctx, id: string, action: string, opts: { purge?: boolean; extra?: Record<string, ConditionValue> } = {}): Promise<Found> {
  const { found, ref } = await findSecret(ctx, id, opts.purge === true);
  if (found === undefined) {
    await ctx.authorize({ action, resource: ref.resource, conditions: { 'secretsmanager:SecretId': ref.resource, ...opts.extra } });
    throw notFound();
  }
  await ctx.authorize({
    action,
    resource: found.rec.arn,
    ...(found.rec.policy !== undefined ? { resourcePolicy: found.rec.policy } : {}),
    conditions: { ...secretConditions(found.rec), ...opts.extra },
  });
  ctx.audit.addResource(found.rec.arn, 'AWS::SecretsManager::Secret', found.rec.account);
  if (found.replica !== undefined && !REPLICA_ACTIONS.has(action)) throw new InvalidRequestException(REPLICA_READ_ONLY);
  return found;
}

/** What a replica answers; everything else is done on the primary. */
const REPLICA_ACTIONS = new Set([
  'secretsmanager:GetSecretValue',
  'secretsmanager:DescribeSecret',
  'secretsmanager:ListSecretVersionIds',
  'secretsmanager:GetResourcePolicy',
  'secretsmanager:StopReplicationToReplica',
]);

export function assertNotDeleted(rec: SecretRecord): void {
  if (rec.deletedMs !== undefined) throw new InvalidRequestException(MARKED_FOR_DELETION);
}

/** A request's value: exactly one of SecretString / SecretBinary, or none. */
export function valueOf(input: { SecretString?: string; SecretBinary?: Uint8Array }, required: boolean): { string?: string; binary?: Uint8Array } | undefined {
  if (input.SecretString !== undefined && input.SecretBinary !== undefined) {
    // moto's and LocalStack's text for both values. // unverified
    throw new InvalidParameterException("You can't specify both a binary secret value and a string secret value in the same secret.");
  }
  if (input.SecretString !== undefined) return { string: input.SecretString };
  if (input.SecretBinary !== undefined) return { binary: input.SecretBinary };
  if (required) throw new InvalidRequestException('You must provide either SecretString or SecretBinary.'); // unverified
  return undefined;
}

export const newVersionId = (token: string | undefined): string => token ?? randomUUID();

export const CURRENT = 'AWSCURRENT';
export const PREVIOUS = 'AWSPREVIOUS';

/**
 * Attaches `labels` to version `to` (removing them from the versions holding them); when
 * AWSCURRENT moves, AWSPREVIOUS goes to the version that lost it (UpdateSecretVersionStage,
 * PutSecretValue API references).
 */
export function attachLabels(versions: readonly VersionRecord[], to: string, labels: readonly string[]): VersionRecord[] {
  const oldCurrent = versions.find((v) => v.stages.includes(CURRENT))?.id;
  const moving = new Set(labels);
  const movesCurrent = moving.has(CURRENT) && oldCurrent !== undefined && oldCurrent !== to;
  if (movesCurrent) moving.add(PREVIOUS);
  return versions.map((v) => {
    let stages = v.stages.filter((s) => !moving.has(s));
    if (v.id === to) stages = [...stages, ...labels.filter((l) => !stages.includes(l))];
    if (movesCurrent && v.id === oldCurrent && !stages.includes(PREVIOUS)) stages = [...stages, PREVIOUS];
    return stages === v.stages ? v : { ...v, stages };
  });
}

const MAX_VERSIONS = 100;
const DAY_MS = 86_400_000;

/** Unlabeled versions beyond 100, except those created in the last 24 hours, are removed (reference_limits). */
export function pruneVersions(versions: VersionRecord[], nowMs: number): VersionRecord[] {
  let excess = versions.length - MAX_VERSIONS;
  if (excess <= 0) return versions;
  return versions.filter((v) => {
    if (excess > 0 && v.stages.length === 0 && v.createdMs < nowMs - DAY_MS) {
      excess -= 1;
      return false;
    }
    return true;
  });
}

/** "Staging labels attached across all versions of a secret": 20 (reference_limits, aws-facts §2.8). */
const MAX_LABELS = 20;

/** LimitExceededException when the versions carry more than 20 distinct staging labels. */
export function checkLabelQuota(versions: readonly VersionRecord[]): void {
  const labels = new Set(versions.flatMap((v) => v.stages));
  // unverified: AWS's text (LimitExceededException is the modeled error for a quota).
  if (labels.size > MAX_LABELS) throw new LimitExceededException(`A secret can have at most ${MAX_LABELS} staging labels attached across its versions. Remove a staging label and try again.`);
}

/**
 * Adds a new version with `labels` (default AWSCURRENT). Past the 100-version quota, with no
 * unlabeled version older than 24 hours left to remove, it is LimitExceededException: "you will
 * reach the quota for secret versions" (PutSecretValue API reference).
 */
export function withVersion(rec: SecretRecord, v: VersionRecord, labels: readonly string[], nowMs: number): SecretRecord {
  const versions = pruneVersions(attachLabels([...rec.versions, v], v.id, labels), nowMs);
  checkLabelQuota(versions);
  // unverified: AWS's text.
  if (versions.length > MAX_VERSIONS) {
    throw new LimitExceededException(`You have exceeded the maximum number of versions (${MAX_VERSIONS}) for this secret. Secrets Manager removes versions without staging labels once they are more than 24 hours old.`);
  }
  return { ...rec, versions, lastChangedMs: nowMs };
}

/**
 * An existing version with the request's token: the same value is a no-op (undefined), another
 * value ResourceExistsException (PutSecretValue API reference; moto's text). // unverified text
 */
export function sameVersion(existing: VersionRecord | undefined, sameValue: boolean): boolean {
  if (existing === undefined) return false;
  if (!sameValue) throw new ResourceExistsException("You can't modify an existing version, you can only create a new version.");
  return true;
}

export const equalValue = (a: { SecretString?: string; SecretBinary?: Uint8Array }, b: { string?: string; binary?: Uint8Array }): boolean =>
  a.SecretString !== undefined ? a.SecretString === b.string : b.binary !== undefined && a.SecretBinary !== undefined && Buffer.from(a.SecretBinary).equals(Buffer.from(b.binary));

export const toDate = (ms: number | undefined): Date | undefined => (ms === undefined ? undefined : new Date(ms));

/** VersionIdsToStages: the versions that carry labels. */
export function versionsToStages(rec: SecretRecord): Record<string, string[]> | undefined {
  const out: Record<string, string[]> = {};
  for (const v of rec.versions) if (v.stages.length > 0) out[v.id] = [...v.stages];
  return Object.keys(out).length > 0 ? out : undefined;
}

const drop = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** DescribeSecret's answer (and, renamed, ListSecrets' entries). */
export function describe(rec: SecretRecord): DescribeSecretResponse {
  return drop({
    ARN: rec.arn,
    Name: rec.name,
    Description: rec.description,
    KmsKeyId: rec.kmsKeyId,
    LastChangedDate: toDate(rec.lastChangedMs),
    Tags: rec.tags.length > 0 ? rec.tags.map((t: Tag) => ({ Key: t.Key, Value: t.Value })) : undefined,
    VersionIdsToStages: versionsToStages(rec),
    CreatedDate: toDate(rec.createdMs),
    DeletedDate: toDate(rec.deletedMs),
    ...rotationFields(rec),
    PrimaryRegion: rec.primaryRegion ?? (rec.replicas !== undefined && rec.replicas.length > 0 ? rec.region : undefined),
    ReplicationStatus: replicationStatus(rec),
  });
}

/** ReplicateSecretToRegions' and DescribeSecret's ReplicationStatus of a primary. */
export function replicationStatus(rec: SecretRecord): ReplicationStatusType[] | undefined {
  if (rec.replicas === undefined || rec.replicas.length === 0) return undefined;
  return rec.replicas.map((r) => drop({ Region: r.region, KmsKeyId: r.kmsKeyId ?? 'alias/aws/secretsmanager', Status: r.status, StatusMessage: r.statusMessage }));
}

/** RotationEnabled, RotationLambdaARN, RotationRules, LastRotatedDate, NextRotationDate. */
function rotationFields(rec: SecretRecord): Partial<DescribeSecretResponse> {
  const r = rec.rotation;
  if (r === undefined) return {};
  return {
    RotationEnabled: r.enabled,
    ...(r.lambdaArn !== undefined ? { RotationLambdaARN: r.lambdaArn } : {}),
    ...(r.rules !== undefined ? { RotationRules: { ...r.rules, ...rulesDays(r.rules) } } : {}),
    ...(r.lastRotatedMs !== undefined ? { LastRotatedDate: new Date(r.lastRotatedMs) } : {}),
    ...(r.enabled && r.nextMs !== undefined ? { NextRotationDate: new Date(r.nextMs) } : {}),
  };
}

/** "In DescribeSecret and ListSecrets, [AutomaticallyAfterDays] is calculated from the rotation schedule" (RotationRulesType). */
function rulesDays(rules: NonNullable<SecretRecord['rotation']>['rules'] & object): { AutomaticallyAfterDays?: number } {
  if (rules.AutomaticallyAfterDays !== undefined) return {};
  const m = /^rate\((\d+) days?\)$/.exec(rules.ScheduleExpression ?? '');
  return m !== null ? { AutomaticallyAfterDays: Number(m[1]) } : {};
}

export function versionEntry(v: VersionRecord): SecretVersionsListEntry {
  return drop({ VersionId: v.id, VersionStages: v.stages.length > 0 ? [...v.stages] : undefined, CreatedDate: new Date(v.createdMs) });
}

/** The version GetSecretValue names: VersionId and/or VersionStage (default AWSCURRENT). */
export function selectVersion(rec: SecretRecord, versionId: string | undefined, stage: string | undefined): VersionRecord {
  const byId = versionId === undefined ? undefined : rec.versions.find((v) => v.id === versionId);
  const byStage = stage === undefined && versionId !== undefined ? undefined : rec.versions.find((v) => v.stages.includes(stage ?? CURRENT));
  // moto's and LocalStack's texts for a missing version. // unverified
  if (versionId !== undefined && byId === undefined) throw new ResourceNotFoundException("Secrets Manager can't find the specified secret value for VersionId: " + versionId);
  if (stage !== undefined && byStage === undefined) throw new ResourceNotFoundException(`Secrets Manager can't find the specified secret value for staging label: ${stage}`);
  if (byId !== undefined && byStage !== undefined && byId !== byStage) throw new InvalidRequestException('You provided a VersionStage that is not associated to the provided VersionId.'); // unverified
  const v = byId ?? byStage;
  if (v === undefined) throw new ResourceNotFoundException(`Secrets Manager can't find the specified secret value for staging label: ${CURRENT}`);
  return v;
}
