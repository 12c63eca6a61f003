/**
 * CloudTrail Insights for trails: a background job that follows the audit log, counts per period
 * the management events each enabled Insights type analyses (insights-detector.ts decides), and
 * records the Start and End Insights events it detects in the audit log (eventCategory `Insight`,
 * so LookupEvents with EventCategory `insight` finds them and no rate ever counts them), then
 * delivers them to every logging trail that selected the type, under `CloudTrail-Insight/`.
 *
 *   cloudtrail/<account>/global/insights/state           InsightsState (per account)
 *   cloudtrail/<account>/<home region>/insights-delivery/<trail>   { lastSeq }
 *
 * What is counted (logging-insights-events-with-cloudtrail.html): ApiCallRateInsight — write
 * management calls; ApiErrorRateInsight — management calls that ended in an error, per errorCode.
 * An event counts for a type when a logging trail that selected the type (for management events)
 * logs it (its Regions, its event selectors). Insights events are per account and Region, shared
 * by the trails that selected their type, as AWS generates them once per account.
 *
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-insights-fields-trails.html
 */
import { randomUUID } from 'node:crypto';
import { eventTime } from '../../audit/event.js';
import { buildLogFile, insightFileKey } from '../../audit/trail-files.js';
import type { BackgroundJob, JobEnv } from '../../core/operation.js';
import type { AuditRecord, ReadTx, StoredAuditRecord } from '../../store/store.js';
import { trailLogs, trailServiceCall } from './delivery.js';
import { evaluatePeriod, pruneCounts, type DetectorParams, type SeriesState, type Transition } from './insights-detector.js';
import type { InsightType } from './model.gen.js';
import type { SelectableRecord } from './selectors.js';
import { trailObjectSink } from './sink.js';
import { decode as decodeTrail, insightsDeliveryKey, insightsStateKey, type TrailRecord } from './trails.js';

const CODEC_VERSION = 1;
/** Audit records read per query; a run loops until it has caught up. */
const BATCH = 5000;
/** Records read to attribute one Insights event (a cap, not a sample). */
const ATTRIBUTION_LIMIT = 50_000;
/** Values listed per attribute. */
const ATTRIBUTION_TOP = 5; // unverified: how many values AWS lists per attribute


export interface InsightsState {
  readonly v: typeof CODEC_VERSION;
  /** The last audit seq counted. */
  readonly lastSeq: number;
  /** Periods before this time (ms) have been evaluated. */
  readonly evaluatedUntil: number;
  /** Per enabled type: when Insights of that type were first seen on (the baseline starts there). */
  readonly since: Partial<Record<InsightType, number>>;
  /** Series key (see seriesKey) → its counts and the Insights event in progress. */
  readonly series: Readonly<Record<string, SeriesState>>;
}

interface SeriesId {
  readonly type: InsightType;
  readonly region: string;
  readonly eventSource: string;
  readonly eventName: string;
  readonly errorCode?: string;
}
const seriesKey = (s: SeriesId): string => JSON.stringify([s.type, s.region, s.eventSource, s.eventName, s.errorCode ?? null]);
const seriesOf = (key: string): SeriesId => {
  const [type, region, eventSource, eventName, errorCode] = JSON.parse(key) as [InsightType, string, string, string, string | null];
  return { type, region, eventSource, eventName, ...(errorCode !== null ? { errorCode } : {}) };
};

/** A parsed audit record, as the counting and the attributions read it. */
type Rec = SelectableRecord & {
  awsRegion?: string;
  errorCode?: string;
  userAgent?: string;
  userIdentity?: { arn?: string };
  eventType?: string;
};

/**
 * Whether a selector turns on management-event Insights of its type (no EventCategories: management,
 * API_InsightSelector). Differs from AWS: Insights on data events (EventCategories Data) are stored
 * but produce no Insights events.
 */
const managementSelector = (s: { InsightType?: InsightType; EventCategories?: readonly string[] }): s is { InsightType: InsightType } =>
  s.InsightType !== undefined && (s.EventCategories === undefined || s.EventCategories.length === 0 || s.EventCategories.includes('Management'));

export const trailTypes = (t: TrailRecord): Set<InsightType> => new Set((t.insightSelectors ?? []).filter(managementSelector).map((s) => s.InsightType));

/** The series an audit record counts in, for the types given (each type: the trails that enabled it). */
export function seriesFor(rec: Rec, region: string, trailsByType: ReadonlyMap<InsightType, readonly TrailRecord[]>): SeriesId[] {
  if ((rec.eventCategory ?? 'Management') !== 'Management' || rec.eventType === 'AwsCloudTrailInsight') return [];
  const out: SeriesId[] = [];
  const base = { region, eventSource: rec.eventSource ?? '', eventName: rec.eventName ?? '' };
  for (const [type, trails] of trailsByType) {
    if (!trails.some((t) => trailLogs(t, rec))) continue;
    if (type === 'ApiCallRateInsight' && rec.readOnly === false) out.push({ type, ...base });
    if (type === 'ApiErrorRateInsight' && rec.errorCode !== undefined) out.push({ type, ...base, errorCode: rec.errorCode });
  }
  return out;
}

export interface InsightsParams extends DetectorParams {
  /** Periods close this long after their end (events committed late still count). */
  readonly graceMs: number;
}

export const insightsParams = (env: Pick<JobEnv, 'config'>): InsightsParams => {
  const periodMs = env.config.insightsPeriodSeconds * 1000;
  return { periodMs, baselineMs: env.config.insightsBaselineSeconds * 1000, graceMs: Math.min(periodMs, 2000) };
};

/** One round of Insights for one account: count, evaluate closed periods, record what starts or ends. */
export async function analyseAccount(env: Pick<JobEnv, 'store'>, account: string, trails: readonly TrailRecord[], now: number, p: InsightsParams): Promise<Transition[]> {
  const trailsByType = new Map<InsightType, TrailRecord[]>();
  for (const t of trails) for (const type of trailTypes(t)) trailsByType.set(type, [...(trailsByType.get(type) ?? []), t]);
  const prior = await env.store.read((tx) => readState(tx, account));
  const closeUntil = Math.floor((now - p.graceMs) / p.periodMs) * p.periodMs;
  const since: Partial<Record<InsightType, number>> = {};
  for (const type of trailsByType.keys()) since[type] = prior?.since[type] ?? now;
  // Series of types no longer enabled are forgotten (turning a type on again starts a new baseline).
  const series: Record<string, SeriesState> = {};
  for (const [k, s] of Object.entries(prior?.series ?? {})) if (trailsByType.has(seriesOf(k).type)) series[k] = s;
  // A first round counts the history still inside the baseline window.
  let lastSeq = prior?.lastSeq ?? 0;
  const startTime = prior === undefined ? eventTime(now - p.baselineMs - p.periodMs) : undefined;
  for (;;) {
    const batch: StoredAuditRecord[] = await env.store.audit.query({ account, afterSeq: lastSeq, eventCategory: 'Management', ...(startTime !== undefined ? { startTime } : {}), order: 'log', limit: BATCH });
    for (const r of batch) {
      const t = Date.parse(r.eventTime);
      const period = String(t - (t % p.periodMs));
      for (const id of seriesFor(JSON.parse(r.json) as Rec, r.region, trailsByType)) {
        const k = seriesKey(id);
        const s = series[k] ?? { counts: {} };
        series[k] = { ...s, counts: { ...s.counts, [period]: (s.counts[period] ?? 0) + 1 } };
      }
    }
    if (batch.length > 0) lastSeq = batch[batch.length - 1]!.seq;
    if (batch.length < BATCH) break;
  }
  // Evaluate the periods closed since the last round (after a long pause, only a baseline's worth).
  const transitions: { id: SeriesId; t: Transition }[] = [];
  const from = Math.max(prior?.evaluatedUntil ?? closeUntil, closeUntil - p.baselineMs);
  for (const [k, s0] of Object.entries(series)) {
    const id = seriesOf(k);
    const typeSince = since[id.type] ?? now;
    let s = s0;
    for (let t = from; t < closeUntil; t += p.periodMs) {
      if (s.active === undefined && s.counts[String(t)] === undefined) continue;
      const r = evaluatePeriod(s, t, p, t - p.baselineMs >= typeSince, randomUUID);
      s = r.state;
      if (r.transition !== undefined) transitions.push({ id, t: r.transition });
    }
    s = pruneCounts(s, closeUntil, p);
    if (s.active === undefined && Object.keys(s.counts).length === 0) delete series[k];
    else series[k] = s;
  }
  const records: AuditRecord[] = [];
  for (const { id, t } of transitions) records.push(await insightRecord(env, account, id, t, p));
  const state: InsightsState = { v: CODEC_VERSION, lastSeq, evaluatedUntil: Math.max(closeUntil, prior?.evaluatedUntil ?? 0), since, series };
  await env.store.write(async (tx) => {
    const now2 = await readState(tx, account);
    // Another process got further meanwhile: keep its state and its events.
    if ((now2?.lastSeq ?? -1) !== (prior?.lastSeq ?? -1) || (now2?.evaluatedUntil ?? -1) !== (prior?.evaluatedUntil ?? -1)) return;
    tx.put(insightsStateKey(account), Buffer.from(JSON.stringify(state), 'utf8'));
    for (const r of records) tx.appendAudit(r);
  });
  return transitions.map((x) => x.t);
}

async function readState(tx: ReadTx, account: string): Promise<InsightsState | undefined> {
  const e = await tx.get(insightsStateKey(account));
  if (e === undefined) return undefined;
  const s = JSON.parse(Buffer.from(e.value).toString('utf8')) as InsightsState;
  return s.v === CODEC_VERSION ? s : undefined;
}

/** The Insights event record (cloudtrail-insights-fields-trails.html) of a Start or End. */
async function insightRecord(env: Pick<JobEnv, 'store'>, account: string, id: SeriesId, t: Transition, p: DetectorParams): Promise<AuditRecord> {
  const eventId = randomUUID();
  const time = eventTime(t.timeMs);
  const attributions = await attributionsOf(env, account, id, t, p);
  const record = {
    eventVersion: '1.07', // unverified: the version AWS writes in Insights events today ("Since: 1.07")
    eventTime: time,
    awsRegion: id.region,
    eventID: eventId,
    eventType: 'AwsCloudTrailInsight',
    recipientAccountId: account,
    sharedEventID: t.sharedEventID,
    insightDetails: {
      state: t.state,
      eventSource: id.eventSource,
      eventName: id.eventName,
      insightType: id.type,
      // unverified: errorCode in insightDetails of ApiErrorRateInsight events.
      ...(id.errorCode !== undefined ? { errorCode: id.errorCode } : {}),
      insightContext: {
        statistics: {
          baseline: { average: t.baselineAverage },
          insight: { average: t.insightAverage },
          insightDuration: t.insightDuration,
          baselineDuration: t.baselineDuration,
        },
        attributions,
      },
    },
    eventCategory: 'Insight',
  };
  return { eventId, eventTime: time, account, region: id.region, eventSource: id.eventSource, eventName: id.eventName, requestId: eventId, json: JSON.stringify(record), eventCategory: 'Insight' };
}

type Attribution = { attribute: string; insight: { value: string; average: number }[]; baseline: { value: string; average: number }[] };

/**
 * insightContext.attributions: the callers (userIdentityArn), user agents and error codes of the
 * events counted, in the unusual span and in the baseline window before it, per minute, busiest first.
 */
async function attributionsOf(env: Pick<JobEnv, 'store'>, account: string, id: SeriesId, t: Transition, p: DetectorParams): Promise<Attribution[]> {
  const read = async (fromMs: number, toMs: number): Promise<Rec[]> => {
    const rows = await env.store.audit.query({
      account, region: id.region, eventSource: id.eventSource, eventName: id.eventName, eventCategory: 'Management',
      startTime: eventTime(fromMs), endTime: eventTime(toMs - 1), limit: ATTRIBUTION_LIMIT,
    });
    return rows.map((r) => JSON.parse(r.json) as Rec).filter((r) => (id.type === 'ApiCallRateInsight' ? r.readOnly === false : r.errorCode === id.errorCode));
  };
  const baselineFrom = t.fromMs - Math.max(1, Math.floor(p.baselineMs / p.periodMs)) * p.periodMs;
  const [insight, baseline] = await Promise.all([read(t.fromMs, t.toMs), read(baselineFrom, t.fromMs)]);
  const top = (recs: Rec[], value: (r: Rec) => string, spanMs: number) => {
    const counts = new Map<string, number>();
    for (const r of recs) counts.set(value(r), (counts.get(value(r)) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, ATTRIBUTION_TOP).map(([v, c]) => ({ value: v, average: (c * 60_000) / spanMs }));
  };
  const attribute = (name: string, value: (r: Rec) => string): Attribution => ({
    attribute: name,
    insight: top(insight, value, t.toMs - t.fromMs),
    baseline: top(baseline, value, t.fromMs - baselineFrom),
  });
  return [
    attribute('userIdentityArn', (r) => r.userIdentity?.arn ?? 'null'),
    attribute('userAgent', (r) => r.userAgent ?? 'null'),
    attribute('errorCode', (r) => r.errorCode ?? 'null'),
  ];
}

/**
 * Delivers the Insights events recorded since the trail's last delivery that it selected (type,
 * Regions), one gzipped file per Region, under `CloudTrail-Insight/`.
 */
export async function deliverInsights(env: Pick<JobEnv, 'store'> & { sink: ReturnType<typeof trailObjectSink> }, trail: TrailRecord, now: number): Promise<void> {
  const types = trailTypes(trail);
  let cursor = await env.store.read(async (tx) => {
    const e = await tx.get(insightsDeliveryKey(trail));
    return e === undefined ? undefined : (JSON.parse(Buffer.from(e.value).toString('utf8')) as { lastSeq: number }).lastSeq;
  });
  if (cursor === undefined) {
    // A trail seen with Insights for the first time: delivery starts with the events that follow.
    const [last] = await env.store.audit.query({ order: 'latest', limit: 1 });
    cursor = last?.seq ?? 0;
  } else {
    for (;;) {
      const batch = await env.store.audit.query({ account: trail.account, eventCategory: 'Insight', afterSeq: cursor, order: 'log', limit: BATCH });
      const byRegion = new Map<string, StoredAuditRecord[]>();
      for (const r of batch) {
        const rec = JSON.parse(r.json) as { insightDetails?: { insightType?: InsightType } };
        if (!types.has(rec.insightDetails?.insightType as InsightType)) continue;
        if (!trail.isMultiRegionTrail && r.region !== trail.region) continue;
        byRegion.set(r.region, [...(byRegion.get(r.region) ?? []), r]);
      }
      for (const [region, records] of byRegion) {
        const key = insightFileKey({ ...(trail.s3KeyPrefix !== undefined ? { prefix: trail.s3KeyPrefix } : {}), account: trail.account, region, timeMs: now });
        const file = buildLogFile(trail.s3BucketName, key, records.map((r) => r.json), records.map((r) => r.eventTime));
        await env.sink.put(trail.s3BucketName, key, file.body, {}, trailServiceCall(trail)); // a failure: retried next round
      }
      if (batch.length > 0) cursor = batch[batch.length - 1]!.seq;
      if (batch.length < BATCH) break;
    }
  }
  const lastSeq = cursor;
  await env.store.write(async (tx) => {
    if ((await tx.get(`cloudtrail/${trail.account}/${trail.region}/trail/${trail.name}`)) === undefined) return;
    tx.put(insightsDeliveryKey(trail), Buffer.from(JSON.stringify({ lastSeq }), 'utf8'));
  });
}

/** Every logging trail with management Insights selected, by account. */
async function insightTrails(env: Pick<JobEnv, 'store'>): Promise<Map<string, TrailRecord[]>> {
  const trails = await env.store.read(async (tx) => (await tx.scan('cloudtrail/')).filter((e) => e.key.split('/')[3] === 'trail').map(decodeTrail));
  const out = new Map<string, TrailRecord[]>();
  for (const t of trails) if (t.isLogging && trailTypes(t).size > 0) out.set(t.account, [...(out.get(t.account) ?? []), t]);
  return out;
}

export const insightsJob: BackgroundJob = {
  name: 'insights',
  intervalMs: (env) => Math.max(500, Math.min(env.config.insightsPeriodSeconds * 1000, 30_000) / 2),
  async run(env) {
    const p = insightsParams(env);
    const sink = trailObjectSink(env);
    const byAccount = await insightTrails(env);
    // Accounts whose Insights were all turned off forget their state (a new baseline next time).
    const stale = await env.store.read(async (tx) => (await tx.scan('cloudtrail/')).filter((e) => /^cloudtrail\/\d{12}\/global\/insights\/state$/.test(e.key)).map((e) => e.key));
    for (const key of stale) {
      if (!byAccount.has(key.split('/')[1]!)) await env.store.write(async (tx) => tx.delete(key));
    }
    for (const [account, trails] of byAccount) {
      try {
        await analyseAccount(env, account, trails, env.clock.now(), p);
      } catch (e) {
        env.log.error('insights analysis failed', { account, error: e instanceof Error ? e.message : String(e) });
      }
      for (const trail of trails) {
        try {
          await deliverInsights({ store: env.store, sink }, trail, env.clock.now());
        } catch (e) {
          env.log.error('insights delivery failed', { trail: trail.arn, error: e instanceof Error ? e.message : String(e) });
        }
      }
    }
  },
};
