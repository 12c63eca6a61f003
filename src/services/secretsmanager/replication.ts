/**
 * Multi-Region secrets (create-manage-multi-region-secrets.html): a primary lists its replica
 * Regions; each replica is a record in its Region (same name, the primary's ARN with the replica's
 * Region) that points at the primary. A replica is read-only and reads the primary's versions, so
 * every write to the primary is visible in its replicas at once; StopReplicationToReplica promotes
 * a replica to a standalone secret with its own versions under its own KMS key.
 *
 * // Differs from AWS: replicas do not hold copies encrypted under the replica Region's key while
 * replicating; the key is checked (a data key is generated under it, so the caller needs
 * kms:GenerateDataKey) and used when the replica is promoted.
 */
import { AwsError } from '../../core/errors.js';
import type { Ctx } from '../../core/operation.js';
import { InvalidParameterException } from './errors.js';
import { decryptVersion, encryptVersion } from './kms.js';
import type { ReplicaRegionType } from './model.gen.js';
import { deleteSecretRecord, putSecret, readSecret, SECRET_CODEC_VERSION, type ReplicaRecord, type SecretRecord, type VersionRecord } from './state.js';

/** The ARN of a replica: the primary's with the replica's Region (same random suffix). */
export const replicaArn = (primaryArn: string, region: string): string => primaryArn.replace(/^(arn:[^:]+:secretsmanager:)[^:]*(:)/, `$1${region}$2`);

// unverified: AWS's texts (AWS reports a replica it could not create in ReplicationStatus).
const NAME_TAKEN = 'Replication failed: Secret name already exists in the destination Region.';
const SAME_REGION = 'Invalid replica region: it is the Region of the primary secret.';

/** Adds replicas to `rec` (a primary); returns the updated primary. Writes the replica records. */
export async function addReplicas(ctx: Ctx, rec: SecretRecord, add: readonly ReplicaRegionType[], force: boolean): Promise<SecretRecord> {
  const replicas = [...(rec.replicas ?? [])];
  for (const r of add) {
    const region = r.Region;
    if (region === undefined) throw new InvalidParameterException('A replica Region is required.'); // unverified
    if (region === rec.region) throw new InvalidParameterException(SAME_REGION);
    const existing = await readSecret(ctx, rec.account, region, rec.name);
    const mine = existing?.rec.primaryRegion === rec.region;
    let status: ReplicaRecord = { region, ...(r.KmsKeyId !== undefined ? { kmsKeyId: r.KmsKeyId } : {}), status: 'InSync' };
    if (existing !== undefined && !mine && !force) status = { ...status, status: 'Failed', statusMessage: NAME_TAKEN };
    else {
      try {
        // The replica Region's key must be usable by the caller: generate (and drop) a data key under it.
        await encryptVersion({ ...ctx, region }, { ...rec, region, arn: replicaArn(rec.arn, region), ...(r.KmsKeyId !== undefined ? { kmsKeyId: r.KmsKeyId } : { kmsKeyId: undefined }) }, 'replica-key-check', { string: '-' });
      } catch (err) {
        if (!(err instanceof AwsError) || err.fault === 'server') throw err;
        status = { ...status, status: 'Failed', statusMessage: err.message };
      }
    }
    if (status.status === 'InSync') {
      if (existing !== undefined && !mine) deleteSecretRecord(ctx, existing.rec);
      const now = ctx.clock.now();
      putSecret(ctx, {
        v: SECRET_CODEC_VERSION,
        name: rec.name,
        arn: replicaArn(rec.arn, region),
        account: rec.account,
        region,
        createdMs: now,
        lastChangedMs: now,
        ...(r.KmsKeyId !== undefined ? { kmsKeyId: r.KmsKeyId } : {}),
        tags: [],
        versions: [],
        primaryRegion: rec.region,
        ...(existing !== undefined ? { due: existing.rec.due } : {}),
      });
    }
    const at = replicas.findIndex((x) => x.region === region);
    if (at === -1) replicas.push(status);
    else replicas[at] = status;
  }
  return { ...rec, replicas };
}

/** Deletes the replica records of `regions` and returns the primary without them. */
export async function removeReplicas(ctx: Ctx, rec: SecretRecord, regions: readonly string[]): Promise<SecretRecord> {
  for (const region of regions) {
    if (!(rec.replicas ?? []).some((r) => r.region === region)) throw new InvalidParameterException(`The secret isn't replicated to ${region}.`); // unverified
    const replica = await readSecret(ctx, rec.account, region, rec.name);
    if (replica !== undefined && replica.rec.primaryRegion === rec.region) deleteSecretRecord(ctx, replica.rec);
  }
  return { ...rec, replicas: (rec.replicas ?? []).filter((r) => !regions.includes(r.region)) };
}

/**
 * Promotes the replica `view` (findSecret's view of it) to a standalone secret: its versions are
 * re-encrypted under the replica's key in its Region with its own ARN as encryption context.
 */
export async function promote(ctx: Ctx, view: SecretRecord, replica: SecretRecord): Promise<SecretRecord> {
  const { primaryRegion: _p, sourceArn: _s, due: _d, ...base } = view;
  const standalone: SecretRecord = { ...base, ...(replica.kmsKeyId !== undefined ? { kmsKeyId: replica.kmsKeyId } : { kmsKeyId: undefined }), replicas: [], ...(replica.due !== undefined ? { due: replica.due } : {}) };
  const versions: VersionRecord[] = [];
  for (const v of view.versions) {
    const value = await decryptVersion(ctx, view, v);
    const sealed = await encryptVersion(ctx, standalone, v.id, value.SecretString !== undefined ? { string: value.SecretString } : { binary: value.SecretBinary! });
    versions.push({ ...sealed, stages: v.stages, createdMs: v.createdMs });
  }
  const { replicas: _r, rotating: _rot, rotation: _rc, ...rest } = standalone;
  return { ...rest, versions, lastChangedMs: ctx.clock.now() };
}

/**
 * What a replica shows: its primary's record (versions, tags, policy, rotation) under the replica's
 * ARN, Region and KMS key. A replica stores no versions of its own: every write to the primary is
 * visible in its replicas at once (AWS replicates asynchronously; Warden's replicas are always InSync).
 */
export async function replicaView(ctx: Ctx, replica: SecretRecord): Promise<SecretRecord | undefined> {
  const primary = (await readSecret(ctx, replica.account, replica.primaryRegion!, replica.name))?.rec;
  if (primary === undefined || !(primary.replicas ?? []).some((r) => r.region === replica.region)) return undefined;
  const { replicas: _r, kmsKeyId: _k, ...shared } = primary;
  return {
    ...shared,
    arn: replica.arn,
    region: replica.region,
    ...(replica.kmsKeyId !== undefined ? { kmsKeyId: replica.kmsKeyId } : {}),
    primaryRegion: primary.region,
    sourceArn: primary.arn,
  };
}

/** Records as a Region's callers see them: replicas replaced by their views (dangling replicas dropped). */
export async function resolveViews(ctx: Ctx, recs: readonly SecretRecord[]): Promise<SecretRecord[]> {
  const out: SecretRecord[] = [];
  for (const r of recs) {
    const v = r.primaryRegion === undefined ? r : await replicaView(ctx, r);
    if (v !== undefined) out.push(v);
  }
  return out;
}
