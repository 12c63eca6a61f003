/**
 * Trail delivery: for each logging trail, the events since its last delivery that its event
 * selectors log are written as gzipped log files (one per Region per run) through the
 * TrailObjectSink (Warden's S3, as cloudtrail.amazonaws.com); with log file validation on, a signed digest per Region every
 * `--digest-interval`, chained to the previous one. The position reached and the delivery
 * times/errors (GetTrailStatus) are kept in the store:
 *
 *   cloudtrail/<account>/<home region>/delivery/<trail name>   DeliveryState
 *
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/how-cloudtrail-works.html
 */
import type { BackgroundJob, JobEnv } from '../../core/operation.js';
import { buildDigest, buildLogFile, digestFileKey, isoSeconds, logFileKey, type DigestLink, type LogFileEntry } from '../../audit/trail-files.js';
import type { ReadTx, StoredAuditRecord, WriteTx } from '../../store/store.js';
import { DEFAULT_EVENT_SELECTORS, matchesAdvancedSelectors, matchesEventSelectors, type SelectableRecord } from './selectors.js';
import { currentSigningKey } from './signing-keys.js';
import { trailObjectSink, type TrailObjectSink, type TrailServiceCall } from './sink.js';
import { decode as decodeTrail, deliveryKey, type TrailRecord } from './trails.js';

const CODEC_VERSION = 1;
/** The principal CloudTrail writes to S3 as. */
export const CLOUDTRAIL_SERVICE = 'cloudtrail.amazonaws.com';
/** The request CloudTrail writes a trail's files with (aws:SourceArn/aws:SourceAccount, the canned ACL). */
export function trailServiceCall(trail: Pick<TrailRecord, 'arn' | 'account'> & Partial<Pick<TrailRecord, 'region' | 'kmsKeyId'>>): TrailServiceCall {
  return {
    service: CLOUDTRAIL_SERVICE,
    sourceArn: trail.arn,
    sourceAccount: trail.account,
    conditions: { 's3:x-amz-acl': 'bucket-owner-full-control' },
    // Log and digest files alike (create-kms-key-policy-for-cloudtrail: the key encrypts "your log files, digest files").
    ...(trail.kmsKeyId !== undefined && trail.region !== undefined ? { kms: { keyId: trail.kmsKeyId, account: trail.account, region: trail.region, context: { 'aws:cloudtrail:arn': trail.arn } } } : {}),
  };
}
/** Events read per trail per query; a run loops until it has caught up. */
const BATCH = 5000;
/** Services whose events are recorded in us-east-1 whatever the caller's Region (global service events). */
const GLOBAL_SOURCES = new Set(['iam.amazonaws.com', 'organizations.amazonaws.com', 'signin.amazonaws.com']);

interface RegionDigestState {
  /** Start of the digest period in progress. */
  startMs: number;
  /** Log files delivered in it. */
  pending: LogFileEntry[];
  /** The last digest delivered (absent: the next digest starts a chain). */
  previous?: DigestLink;
}

export interface DeliveryState {
  readonly v: typeof CODEC_VERSION;
  /** The StartLogging this state follows; a new one starts over (new position, new digest chain). */
  readonly loggingSince: number;
  /** The last audit seq examined. */
  readonly lastSeq: number;
  readonly latestDeliveryMs?: number;
  readonly latestDeliveryError?: string;
  readonly latestAttemptMs?: number;
  readonly latestDigestDeliveryMs?: number;
  readonly latestDigestDeliveryError?: string;
  /** Per Region the files come from: the digest period in progress. */
  readonly digests: Readonly<Record<string, RegionDigestState>>;
}

export async function readDeliveryState(tx: ReadTx, trail: Pick<TrailRecord, 'account' | 'region' | 'name'>): Promise<DeliveryState | undefined> {
  const e = await tx.get(deliveryKey(trail));
  return e === undefined ? undefined : (JSON.parse(Buffer.from(e.value).toString('utf8')) as DeliveryState);
}

/** Whether a trail logs a record: its account, its Regions, global service events, its selectors. */
export function trailLogs(trail: TrailRecord, r: SelectableRecord & { awsRegion?: string; recipientAccountId?: string }): boolean {
  const global = GLOBAL_SOURCES.has(r.eventSource ?? '');
  if (global && !trail.includeGlobalServiceEvents) return false;
  if (!trail.isMultiRegionTrail && !global && r.awsRegion !== trail.region) return false;
  if (trail.advancedEventSelectors !== undefined) return matchesAdvancedSelectors(trail.advancedEventSelectors, r);
  return matchesEventSelectors(trail.eventSelectors ?? DEFAULT_EVENT_SELECTORS, r);
}

export interface DeliveryOptions {
  readonly sink: TrailObjectSink;
  readonly now: number;
  readonly digestIntervalMs: number;
}

/** One delivery round for one trail: new log files, and a digest per Region when due. */
export async function deliverTrail(env: Pick<JobEnv, 'store' | 'barrier'>, trail: TrailRecord, opts: DeliveryOptions): Promise<void> {
  const loggingSince = trail.startLoggingMs ?? 0;
  const prior = await env.store.read((tx) => readDeliveryState(tx, trail));
  const fresh = prior === undefined || prior.loggingSince !== loggingSince;
  let state: DeliveryState =
    !fresh ? prior : { v: CODEC_VERSION, loggingSince, lastSeq: Math.max(prior?.lastSeq ?? 0, trail.startLoggingSeq ?? 0), digests: {} };
  const since = isoSeconds(loggingSince);
  const wide = trail.isMultiRegionTrail || (trail.includeGlobalServiceEvents && trail.region !== 'us-east-1');
  let error: string | undefined;
  let delivered = false;
  for (;;) {
    const batch: StoredAuditRecord[] = await env.store.audit.query({
      account: trail.account,
      ...(wide ? {} : { region: trail.region }),
      afterSeq: state.lastSeq,
      startTime: since,
      order: 'log',
      limit: BATCH,
    });
    if (batch.length === 0) break;
    const byRegion = new Map<string, StoredAuditRecord[]>();
    for (const r of batch) {
      if (!trailLogs(trail, JSON.parse(r.json) as SelectableRecord & { awsRegion?: string })) continue;
      const list = byRegion.get(r.region) ?? [];
      list.push(r);
      byRegion.set(r.region, list);
    }
    const digests = { ...state.digests };
    try {
      for (const [region, records] of byRegion) {
        const key = logFileKey({ ...(trail.s3KeyPrefix !== undefined ? { prefix: trail.s3KeyPrefix } : {}), account: trail.account, region, timeMs: opts.now });
        const file = buildLogFile(trail.s3BucketName, key, records.map((r) => r.json), records.map((r) => r.eventTime));
        await opts.sink.put(trail.s3BucketName, key, file.body, {}, trailServiceCall(trail));
        // Only a trail that validates keeps the files for its next digest; a first period starts
        // at StartLogging, one begun later (validation turned on) at this delivery.
        if (trail.logFileValidationEnabled) {
          const d = digests[region] ?? { startMs: fresh ? loggingSince : opts.now, pending: [] };
          digests[region] = { ...d, pending: [...d.pending, file.entry] };
        }
        delivered = true;
      }
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      break;
    }
    state = { ...state, lastSeq: batch[batch.length - 1]!.seq, digests };
    if (batch.length < BATCH) break;
  }
  state = {
    ...state,
    latestAttemptMs: opts.now,
    ...(delivered ? { latestDeliveryMs: opts.now } : {}),
    ...(error !== undefined ? { latestDeliveryError: error } : delivered ? { latestDeliveryError: undefined } : {}),
  };
  if (trail.logFileValidationEnabled) state = await deliverDigests(env, trail, state, opts, fresh);
  await saveState(env, trail, state, prior);
}

/** A digest per Region whose period is over (one for each Region the trail covers, even without files). */
async function deliverDigests(env: Pick<JobEnv, 'store' | 'barrier'>, trail: TrailRecord, state: DeliveryState, opts: DeliveryOptions, fresh: boolean): Promise<DeliveryState> {
  const regions = new Set([trail.region, ...Object.keys(state.digests)]);
  const digests = { ...state.digests };
  let deliveredAt: number | undefined;
  let error: string | undefined;
  for (const region of regions) {
    // A first period starts at StartLogging, or now when validation was turned on later.
    const d = digests[region] ?? { startMs: fresh ? state.loggingSince : opts.now, pending: [] };
    digests[region] = d;
    if (opts.now - d.startMs < opts.digestIntervalMs) continue;
    try {
      const key = await env.store.write((tx: WriteTx) => currentSigningKey(tx, env.barrier, trail.region, opts.now));
      const objectKey = digestFileKey({
        ...(trail.s3KeyPrefix !== undefined ? { prefix: trail.s3KeyPrefix } : {}),
        account: trail.account,
        region,
        trailName: trail.name,
        homeRegion: trail.region,
        endMs: opts.now,
      });
      const digest = buildDigest({
        account: trail.account,
        bucket: trail.s3BucketName,
        key: objectKey,
        startMs: d.startMs,
        endMs: opts.now,
        fingerprint: key.fingerprint,
        privateKey: key.privateKey,
        ...(d.previous !== undefined ? { previous: d.previous } : {}),
        logFiles: d.pending,
      });
      await opts.sink.put(trail.s3BucketName, objectKey, digest.body, digest.metadata, trailServiceCall(trail));
      digests[region] = { startMs: opts.now, pending: [], previous: digest.link };
      deliveredAt = opts.now;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  }
  return {
    ...state,
    digests,
    ...(deliveredAt !== undefined ? { latestDigestDeliveryMs: deliveredAt } : {}),
    ...(error !== undefined ? { latestDigestDeliveryError: error } : deliveredAt !== undefined ? { latestDigestDeliveryError: undefined } : {}),
  };
}

async function saveState(env: Pick<JobEnv, 'store'>, trail: TrailRecord, state: DeliveryState, prior: DeliveryState | undefined): Promise<void> {
  await env.store.write(async (tx) => {
    // The trail must still be there, unchanged in what delivery read: read it into the read set.
    const t = await tx.get(`cloudtrail/${trail.account}/${trail.region}/trail/${trail.name}`);
    if (t === undefined) return;
    const now = await readDeliveryState(tx, trail);
    // Another run (another process) got further meanwhile: keep its state.
    if (now !== undefined && prior !== undefined && now.lastSeq !== prior.lastSeq) return;
    tx.put(deliveryKey(trail), Buffer.from(JSON.stringify(state), 'utf8'));
  });
}

/** Every logging trail of every account. */
async function loggingTrails(env: Pick<JobEnv, 'store'>): Promise<TrailRecord[]> {
  return env.store.read(async (tx) => (await tx.scan('cloudtrail/')).filter((e) => e.key.split('/')[3] === 'trail').map(decodeTrail).filter((t) => t.isLogging));
}

/** Event history keeps 90 days (LookupEvents). */
export const EVENT_HISTORY_RETENTION_MS = 90 * 24 * 3600 * 1000;

/**
 * Deletes audit records older than event history's 90 days, hourly. Trails keep what they
 * delivered; a trail stopped for longer than 90 days does not get the gap when restarted
 * (delivery starts at StartLogging anyway).
 */
export const retentionJob: BackgroundJob = {
  name: 'event-history-retention',
  intervalMs: () => 3600_000,
  async run(env) {
    const n = await env.store.audit.prune(isoSeconds(env.clock.now() - EVENT_HISTORY_RETENTION_MS));
    if (n > 0) env.log.warn(`event history: deleted ${n} audit events older than 90 days`);
  },
};

export const deliveryJob: BackgroundJob = {
  name: 'trail-delivery',
  intervalMs: (env) => env.config.trailIntervalSeconds * 1000,
  async run(env) {
    const sink = trailObjectSink(env);
    for (const trail of await loggingTrails(env)) {
      try {
        await deliverTrail(env, trail, { sink, now: env.clock.now(), digestIntervalMs: env.config.digestIntervalSeconds * 1000 });
      } catch (e) {
        env.log.error('trail delivery failed', { trail: trail.arn, error: e instanceof Error ? e.message : String(e) });
      }
    }
  },
};
