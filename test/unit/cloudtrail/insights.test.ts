import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MIN_INSIGHT_COUNT, baselineOf, evaluatePeriod, pruneCounts, thresholdOf, type SeriesState } from '../../../src/services/cloudtrail/insights-detector.js';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { buildEvent } from '../../../src/audit/event.js';
import type { Principal } from '../../../src/core/principal.js';
import { analyseAccount, deliverInsights, seriesFor } from '../../../src/services/cloudtrail/insights.js';
import { insightsStateKey as stateKey } from '../../../src/services/cloudtrail/trails.js';
import { MemoryTrailSink } from '../../../src/services/cloudtrail/sink.js';
import type { TrailRecord } from '../../../src/services/cloudtrail/trails.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import type { Store } from '../../../src/store/store.js';

const MIN = 60_000;
const P = { periodMs: MIN, baselineMs: 10 * MIN };
const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const at = (i: number): number => T0 + i * MIN;
/** A series whose period i (minutes after T0) holds counts[i]. */
const series = (counts: Record<number, number>): SeriesState => ({ counts: Object.fromEntries(Object.entries(counts).map(([i, c]) => [String(at(Number(i))), c])) });
let ids = 0;
const newId = (): string => `id-${++ids}`;

/** Runs the detector over periods [from, to), as the job does, collecting transitions. */
function run(s: SeriesState, from: number, to: number, established = true) {
  const out = [];
  for (let i = from; i < to; i++) {
    const r = evaluatePeriod(s, at(i), P, established, newId);
    s = r.state;
    if (r.transition) out.push({ i, ...r.transition });
  }
  return { s, out };
}

describe('cloudtrail Insights detector', () => {
  it('baseline: mean and standard deviation over the window, empty periods as zeros', () => {
    const s = series({ 0: 10, 5: 10, 9: 20, 10: 1000 });
    const b = baselineOf(s, at(10), P); // periods 0..9: 10, 10, 20 and seven zeros
    assert.equal(b.mean, 4);
    assert.ok(Math.abs(b.sd - Math.sqrt((100 + 100 + 400) / 10 - 16)) < 1e-9);
    // The window slides: period 0 is out of the baseline of period 11.
    assert.equal(baselineOf(s, at(11), P).mean, (10 + 20 + 1000) / 10);
    assert.equal(thresholdOf({ mean: 0, sd: 0 }), MIN_INSIGHT_COUNT);
    assert.equal(thresholdOf({ mean: 20, sd: 1 }), 41);
    assert.equal(thresholdOf({ mean: 20, sd: 10 }), 50);
  });

  it('a burst after a quiet baseline starts an Insights event; the first usual period ends it', () => {
    const { s, out } = run(series({ 0: 1, 3: 2, 7: 1, 10: 30, 11: 25, 12: 2 }), 0, 14);
    assert.deepEqual(out.map((t) => [t.i, t.state]), [[10, 'Start'], [12, 'End']]);
    const [start, end] = out as [(typeof out)[0], (typeof out)[0]];
    assert.equal(start.sharedEventID, end.sharedEventID);
    assert.equal(start.timeMs, at(10));
    assert.equal(end.timeMs, at(12));
    // Per minute (the period is a minute here): baseline (1+2+1)/10, insight 30 then (30+25)/2.
    assert.equal(start.baselineAverage, 0.4);
    assert.equal(start.insightAverage, 30);
    assert.equal(end.baselineAverage, 0.4);
    assert.equal(end.insightAverage, 27.5);
    assert.equal(start.insightDuration, 1);
    assert.equal(end.insightDuration, 2);
    assert.equal(start.baselineDuration, 10);
    assert.deepEqual([end.fromMs, end.toMs], [at(10), at(12)]);
    assert.equal(s.active, undefined);
  });

  it('nothing starts below the minimum, at the usual rate, or before the baseline is established', () => {
    assert.deepEqual(run(series({ 10: MIN_INSIGHT_COUNT - 1 }), 0, 12).out, []);
    // A steady 40 a minute: 45 is not unusual (threshold max(10, 40+0, 81) = 81).
    const steady: Record<number, number> = {};
    for (let i = 0; i < 20; i++) steady[i] = 40;
    steady[15] = 45;
    assert.deepEqual(run(series(steady), 10, 20).out, []);
    // Period 16's baseline holds the 45: mean 40.5, so 2·mean + 1 = 82 is needed.
    steady[16] = 81;
    assert.deepEqual(run(series(steady), 10, 20).out, []);
    steady[16] = 82;
    assert.deepEqual(run(series(steady), 10, 20).out.map((t) => [t.i, t.state]), [[16, 'Start'], [17, 'End']]);
    assert.deepEqual(run(series({ 10: 100 }), 0, 12, false).out, []);
  });

  it('the threshold stays the one of the start while the Insights event lasts', () => {
    // The burst itself raises later baselines, yet 20 a minute keeps the event going.
    const { out } = run(series({ 10: 100, 11: 20, 12: 20, 13: 9 }), 0, 15);
    assert.deepEqual(out.map((t) => [t.i, t.state]), [[10, 'Start'], [13, 'End']]);
    assert.equal(out[1]!.insightAverage, 140 / 3);
  });

  it('averages are per minute whatever the period', () => {
    const p = { periodMs: 1000, baselineMs: 10_000 };
    const s: SeriesState = { counts: { [String(T0)]: 20 } };
    const r = evaluatePeriod(s, T0, p, true, newId);
    assert.equal(r.transition?.insightAverage, 1200);
    assert.equal(r.transition?.baselineDuration, 1);
  });

  it('pruning keeps only the counts a later baseline needs', () => {
    const s = pruneCounts(series({ 0: 1, 4: 1, 5: 1, 14: 1 }), at(15), P);
    assert.deepEqual(Object.keys(s.counts).map(Number), [at(5), at(14)]);
  });
});

describe('cloudtrail Insights: what counts', () => {
  const trail = (over: Partial<TrailRecord> = {}): TrailRecord => ({
    v: 1, name: 't', arn: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/t', account: '111122223333', region: 'us-east-1', s3BucketName: 'b',
    includeGlobalServiceEvents: true, isMultiRegionTrail: false, logFileValidationEnabled: false, isOrganizationTrail: false, tags: [], isLogging: true, ...over,
  });
  const both = (t: TrailRecord) => new Map([['ApiCallRateInsight', [t]], ['ApiErrorRateInsight', [t]]] as const);
  const rec = (over: Record<string, unknown>) => ({ eventSource: 'kms.amazonaws.com', eventName: 'CreateKey', awsRegion: 'us-east-1', eventCategory: 'Management', readOnly: false, ...over });

  it('writes count for ApiCallRateInsight, errors (read or write) per errorCode for ApiErrorRateInsight', () => {
    const t = trail();
    assert.deepEqual(seriesFor(rec({}), 'us-east-1', both(t)).map((s) => s.type), ['ApiCallRateInsight']);
    assert.deepEqual(seriesFor(rec({ readOnly: true, errorCode: 'NotFoundException' }), 'us-east-1', both(t)), [
      { type: 'ApiErrorRateInsight', region: 'us-east-1', eventSource: 'kms.amazonaws.com', eventName: 'CreateKey', errorCode: 'NotFoundException' },
    ]);
    assert.equal(seriesFor(rec({ errorCode: 'AccessDeniedException' }), 'us-east-1', both(t)).length, 2);
    assert.deepEqual(seriesFor(rec({ readOnly: true }), 'us-east-1', both(t)), []);
  });

  it('Insights events, data events, other Regions and events the trail does not log never count', () => {
    const t = trail();
    assert.deepEqual(seriesFor(rec({ eventType: 'AwsCloudTrailInsight', eventCategory: 'Insight' }), 'us-east-1', both(t)), []);
    assert.deepEqual(seriesFor(rec({ eventCategory: 'Data' }), 'us-east-1', both(t)), []);
    assert.deepEqual(seriesFor(rec({ awsRegion: 'eu-west-1' }), 'eu-west-1', both(t)), []);
    assert.equal(seriesFor(rec({ awsRegion: 'eu-west-1' }), 'eu-west-1', both(trail({ isMultiRegionTrail: true }))).length, 1);
    const readOnlyTrail = trail({ eventSelectors: [{ ReadWriteType: 'ReadOnly', IncludeManagementEvents: true }] });
    assert.deepEqual(seriesFor(rec({}), 'us-east-1', both(readOnlyTrail)), []);
  });
});

describe('cloudtrail Insights job: audit log in, Insights events out', () => {
  const ACCOUNT = '111122223333';
  const ROOT: Principal = { type: 'Root', account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, principalId: ACCOUNT, accessKeyId: 'AKIAROOT' };
  const S = 1000;
  const params = { periodMs: S, baselineMs: 5 * S, graceMs: 0 };
  const trail = (over: Partial<TrailRecord> = {}): TrailRecord => ({
    v: 1, name: 'ins', arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/ins`, account: ACCOUNT, region: 'us-east-1', s3BucketName: 'logs',
    includeGlobalServiceEvents: true, isMultiRegionTrail: false, logFileValidationEnabled: false, isOrganizationTrail: false, tags: [], isLogging: true,
    insightSelectors: [{ InsightType: 'ApiCallRateInsight' }], ...over,
  });
  const calls = async (store: Store, n: number, timeMs: number, name = 'CreateKey', error?: string, readOnly = false): Promise<void> => {
    for (let i = 0; i < n; i++) {
      await store.audit.append(buildEvent({
        requestId: randomBytes(8).toString('hex'), timeMs, eventSource: 'kms.amazonaws.com', eventName: name, region: 'us-east-1', sourceIp: '192.0.2.1',
        userAgent: 'agent/1', principal: ROOT, recipientAccount: ACCOUNT, readOnly, eventCategory: 'Management', requestParameters: null,
        responseElements: null, resources: [], ...(error !== undefined ? { error: { code: error, message: 'no' } } : {}),
      }));
    }
  };

  it('counts, starts and ends an Insights event, records it as an Insight, and never counts it', async () => {
    const store = createMemoryStore();
    const t = trail();
    await store.write(async (tx) => tx.put(`cloudtrail/${t.account}/${t.region}/trail/${t.name}`, Buffer.from(JSON.stringify(t))));
    const sink = new MemoryTrailSink();
    await deliverInsights({ store, sink }, t, T0); // the trail's delivery starts here
    // Insights turned on at T0; one call a second of baseline.
    assert.deepEqual(await analyseAccount({ store }, ACCOUNT, [t], T0, params), []);
    for (let i = 0; i < 7; i++) await calls(store, 1, T0 + i * S);
    assert.deepEqual(await analyseAccount({ store }, ACCOUNT, [t], T0 + 7 * S, params), []);
    await calls(store, 30, T0 + 7 * S + 10); // burst in the period at T0+7s
    await calls(store, 30, T0 + 7 * S + 20, 'DescribeKey', 'NotFoundException', true); // failed reads: no ApiErrorRateInsight selected
    const started = await analyseAccount({ store }, ACCOUNT, [t], T0 + 8 * S, params);
    assert.deepEqual(started.map((x) => [x.state, x.timeMs, x.baselineAverage, x.insightAverage]), [['Start', T0 + 7 * S, 60, 1800]]);
    await calls(store, 1, T0 + 8 * S);
    const ended = await analyseAccount({ store }, ACCOUNT, [t], T0 + 9 * S, params);
    assert.deepEqual(ended.map((x) => [x.state, x.timeMs, x.sharedEventID]), [['End', T0 + 8 * S, started[0]!.sharedEventID]]);
    const insights = await store.audit.query({ account: ACCOUNT, eventCategory: 'Insight', order: 'log' });
    assert.deepEqual(insights.map((r) => [r.eventName, r.eventSource, JSON.parse(r.json).insightDetails.state]), [['CreateKey', 'kms.amazonaws.com', 'Start'], ['CreateKey', 'kms.amazonaws.com', 'End']]);
    const end = JSON.parse(insights[1]!.json);
    assert.deepEqual(end.insightDetails.insightContext.attributions[1], {
      attribute: 'userAgent', insight: [{ value: 'agent/1', average: 1800 }], baseline: [{ value: 'agent/1', average: 60 }],
    });
    // More rounds: the Insights records are in the log, but the series only has the calls.
    await analyseAccount({ store }, ACCOUNT, [t], T0 + 10 * S, params);
    const state = JSON.parse(Buffer.from((await store.read((tx) => tx.get(stateKey(ACCOUNT))))!.value).toString());
    const counts = Object.values(state.series as Record<string, { counts: Record<string, number> }>).map((x) => Object.values(x.counts).reduce((a, b) => a + b, 0));
    // The window before T0+10s: T0+5s and T0+6s (1 each), the burst (30), T0+8s (1) — no Insights record.
    assert.deepEqual(counts, [1 + 1 + 30 + 1]);
    // Delivery: one file under CloudTrail-Insight with both events; once.
    await deliverInsights({ store, sink }, t, T0 + 10 * S);
    const keys = sink.list('logs');
    assert.equal(keys.length, 1);
    assert.match(keys[0]!, new RegExp(`^AWSLogs/${ACCOUNT}/CloudTrail-Insight/us-east-1/2026/11/23/${ACCOUNT}_CloudTrail-Insight_us-east-1_20261123T1000Z_[A-Za-z0-9]{16}\\.json\\.gz$`));
    const delivered = JSON.parse(gunzipSync(sink.objects.get(`logs/${keys[0]}`)!.body).toString()).Records;
    assert.deepEqual(delivered.map((r: { eventID: string }) => r.eventID), insights.map((r) => r.eventId));
    await deliverInsights({ store, sink }, t, T0 + 11 * S);
    assert.equal(sink.list('logs').length, 1);
  });

  it('no Insights event before the baseline window has passed since Insights were turned on', async () => {
    const store = createMemoryStore();
    const t = trail();
    await analyseAccount({ store }, ACCOUNT, [t], T0, params);
    await calls(store, 50, T0 + 2 * S);
    assert.deepEqual(await analyseAccount({ store }, ACCOUNT, [t], T0 + 4 * S, params), []);
    // The first burst is in this period's baseline (mean 10, σ 20): 70 are needed now.
    await calls(store, 70, T0 + 6 * S);
    assert.deepEqual((await analyseAccount({ store }, ACCOUNT, [t], T0 + 8 * S, params)).map((x) => [x.state, x.timeMs]), [['Start', T0 + 6 * S], ['End', T0 + 7 * S]]);
  });
});
