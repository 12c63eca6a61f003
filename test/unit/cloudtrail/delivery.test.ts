import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { buildEvent } from '../../../src/audit/event.js';
import { validateChain } from '../../../src/audit/trail-validate.js';
import type { Principal } from '../../../src/core/principal.js';
import { Barrier } from '../../../src/crypto/barrier.js';
import { deliverTrail, readDeliveryState, retentionJob, trailLogs } from '../../../src/services/cloudtrail/delivery.js';
import { InvalidEventSelectorsException } from '../../../src/services/cloudtrail/errors.js';
import { validateAdvancedEventSelectors, validateEventSelectors } from '../../../src/services/cloudtrail/selectors.js';
import { listSigningKeys } from '../../../src/services/cloudtrail/signing-keys.js';
import { MemoryTrailSink } from '../../../src/services/cloudtrail/sink.js';
import type { TrailRecord } from '../../../src/services/cloudtrail/trails.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import type { Store } from '../../../src/store/store.js';

const ACCOUNT = '111122223333';
const ROOT: Principal = { type: 'Root', account: ACCOUNT, arn: `arn:aws:iam::${ACCOUNT}:root`, principalId: ACCOUNT, accessKeyId: 'AKIAROOT' };
const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);

const trail = (over: Partial<TrailRecord> = {}): TrailRecord => ({
  v: 1, name: 'main', arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`, account: ACCOUNT, region: 'us-east-1', s3BucketName: 'logs',
  includeGlobalServiceEvents: true, isMultiRegionTrail: false, logFileValidationEnabled: false, isOrganizationTrail: false, tags: [],
  isLogging: true, startLoggingMs: T0, ...over,
});

async function record(store: Store, over: { name?: string; source?: string; region?: string; readOnly?: boolean; timeMs?: number; category?: 'Management' | 'Data'; resources?: { ARN: string; type: string }[] } = {}): Promise<void> {
  await store.audit.append(buildEvent({
    requestId: randomBytes(8).toString('hex'), timeMs: over.timeMs ?? T0 + 1000, eventSource: over.source ?? 'kms.amazonaws.com', eventName: over.name ?? 'CreateKey',
    region: over.region ?? 'us-east-1', sourceIp: '192.0.2.1', userAgent: 'test', principal: ROOT, recipientAccount: ACCOUNT, readOnly: over.readOnly ?? false,
    eventCategory: over.category ?? 'Management', requestParameters: null, responseElements: null, resources: over.resources ?? [],
  }));
}

async function setup(): Promise<{ store: Store; barrier: Barrier; sink: MemoryTrailSink }> {
  const store = createMemoryStore();
  return { store, barrier: await Barrier.open(store, randomBytes(32)), sink: new MemoryTrailSink() };
}

/** Delivery only records state for a trail that exists. */
async function stored(store: Store, t: TrailRecord): Promise<TrailRecord> {
  await store.write(async (tx) => tx.put(`cloudtrail/${t.account}/${t.region}/trail/${t.name}`, Buffer.from(JSON.stringify(t))));
  return t;
}

const names = (sink: MemoryTrailSink, key: string): string[] =>
  JSON.parse(gunzipSync(sink.objects.get(`logs/${key}`)!.body).toString()).Records.map((r: { eventName: string }) => r.eventName);

describe('CloudTrail delivery', () => {
  it('delivers events since logging started, once, under the AWS key layout, and records the position', async () => {
    const { store, barrier, sink } = await setup();
    await record(store, { name: 'BeforeLogging', timeMs: T0 - 5000 });
    await record(store, { name: 'CreateKey' });
    await record(store, { name: 'OtherRegion', region: 'eu-west-1' });
    await record(store, { name: 'CreateUser', source: 'iam.amazonaws.com' });
    const t = await stored(store, trail({ s3KeyPrefix: 'pre' }));
    await deliverTrail({ store, barrier }, t, { sink, now: T0 + 60_000, digestIntervalMs: 3600_000 });
    const keys = sink.list('logs');
    assert.equal(keys.length, 1);
    // Written as CloudTrail, for this trail (aws:SourceArn, aws:SourceAccount) with the canned ACL the documented policy requires.
    assert.deepEqual(sink.calls.get(`logs/${keys[0]}`), { service: 'cloudtrail.amazonaws.com', sourceArn: t.arn, sourceAccount: ACCOUNT, conditions: { 's3:x-amz-acl': 'bucket-owner-full-control' } });
    assert.match(keys[0]!, /^pre\/AWSLogs\/111122223333\/CloudTrail\/us-east-1\/2026\/11\/23\/111122223333_CloudTrail_us-east-1_20261123T1001Z_[A-Za-z0-9]{16}\.json\.gz$/);
    assert.deepEqual(names(sink, keys[0]!), ['CreateKey', 'CreateUser']);
    const state = await store.read((tx) => readDeliveryState(tx, t));
    assert.equal(state?.latestDeliveryMs, T0 + 60_000);
    // Without log file validation nothing is kept for digests.
    assert.deepEqual(state?.digests, {});
    // Nothing new: no new file.
    await deliverTrail({ store, barrier }, t, { sink, now: T0 + 120_000, digestIntervalMs: 3600_000 });
    assert.equal(sink.list('logs').length, 1);
    await record(store, { name: 'Encrypt', readOnly: true });
    await deliverTrail({ store, barrier }, t, { sink, now: T0 + 180_000, digestIntervalMs: 3600_000 });
    assert.deepEqual(names(sink, sink.list('logs').find((k) => k !== keys[0])!), ['Encrypt']);
  });

  it('follows event selectors, global service events and multi-Region trails', async () => {
    const t = trail();
    const rec = (o: object) => ({ eventCategory: 'Management', awsRegion: 'us-east-1', eventSource: 'kms.amazonaws.com', readOnly: false, ...o });
    assert.equal(trailLogs(t, rec({})), true);
    assert.equal(trailLogs(t, rec({ awsRegion: 'eu-west-1' })), false);
    assert.equal(trailLogs({ ...t, isMultiRegionTrail: true }, rec({ awsRegion: 'eu-west-1' })), true);
    assert.equal(trailLogs({ ...t, includeGlobalServiceEvents: false }, rec({ eventSource: 'iam.amazonaws.com' })), false);
    assert.equal(trailLogs({ ...t, region: 'eu-west-1' }, rec({ eventSource: 'iam.amazonaws.com' })), true);
    const writeOnly = { ...t, eventSelectors: [{ ReadWriteType: 'WriteOnly' as const, IncludeManagementEvents: true }] };
    assert.equal(trailLogs(writeOnly, rec({ readOnly: true })), false);
    assert.equal(trailLogs(writeOnly, rec({ readOnly: false })), true);
    const noKms = { ...t, eventSelectors: [{ ExcludeManagementEventSources: ['kms.amazonaws.com'] }] };
    assert.equal(trailLogs(noKms, rec({})), false);
    const s3Data = { ...t, eventSelectors: [{ IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3:::bucket-a/'] }] }] };
    assert.equal(trailLogs(s3Data, rec({})), false);
    assert.equal(trailLogs(s3Data, rec({ eventCategory: 'Data', resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::bucket-a/x' }] })), true);
    assert.equal(trailLogs(s3Data, rec({ eventCategory: 'Data', resources: [{ type: 'AWS::S3::Object', ARN: 'arn:aws:s3:::bucket-b/x' }] })), false);
    const adv = {
      ...t,
      advancedEventSelectors: [
        { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['false'] }] },
        { FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, { Field: 'eventName', NotStartsWith: ['Get'] }] },
      ],
    };
    assert.equal(trailLogs(adv, rec({})), true);
    assert.equal(trailLogs(adv, rec({ readOnly: true })), false);
    assert.equal(trailLogs(adv, rec({ eventCategory: 'Data', eventName: 'PutObject', resources: [{ type: 'AWS::S3::Object', ARN: 'a' }] })), true);
    assert.equal(trailLogs(adv, rec({ eventCategory: 'Data', eventName: 'GetObject', resources: [{ type: 'AWS::S3::Object', ARN: 'a' }] })), false);
  });

  it('validates selectors as AWS documents them', () => {
    assert.throws(() => validateEventSelectors([]), InvalidEventSelectorsException);
    assert.throws(() => validateEventSelectors(Array.from({ length: 6 }, () => ({}))), InvalidEventSelectorsException);
    assert.throws(() => validateEventSelectors([{ DataResources: [{ Type: 'AWS::S3::Object', Values: Array.from({ length: 251 }, (_, i) => `arn:aws:s3:::b${i}/`) }] }]), InvalidEventSelectorsException);
    assert.throws(() => validateEventSelectors([{ ExcludeManagementEventSources: ['iam.amazonaws.com'] }]), InvalidEventSelectorsException);
    validateEventSelectors([{ ReadWriteType: 'All', ExcludeManagementEventSources: ['kms.amazonaws.com'] }]);
    const bad = (fs: { Field: string; Equals?: string[]; NotEquals?: string[] }[]) => assert.throws(() => validateAdvancedEventSelectors([{ FieldSelectors: fs }]), InvalidEventSelectorsException);
    bad([{ Field: 'readOnly', Equals: ['true'] }]); // no eventCategory
    bad([{ Field: 'eventCategory', Equals: ['Bogus'] }]);
    bad([{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventName', Equals: ['X'] }]); // not for management events
    bad([{ Field: 'eventCategory', Equals: ['Data'] }]); // data needs resources.type
    bad([{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'nope', Equals: ['x'] }]);
    bad([{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['yes'] }]);
    bad([{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: Array.from({ length: 501 }, (_, i) => `T${i}`) }]);
    validateAdvancedEventSelectors([{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] }] }]);
  });

  it('signs an hourly digest chain that validates, with a key sealed per Region', async () => {
    const { store, barrier, sink } = await setup();
    const t = await stored(store, trail({ logFileValidationEnabled: true }));
    const hour = 3600_000;
    await record(store, { name: 'First' });
    await deliverTrail({ store, barrier }, t, { sink, now: T0 + 10 * 60_000, digestIntervalMs: hour });
    assert.equal(sink.list('logs', 'AWSLogs/111122223333/CloudTrail-Digest/').length, 0, 'not an hour yet');
    await deliverTrail({ store, barrier }, t, { sink, now: T0 + hour, digestIntervalMs: hour });
    await deliverTrail({ store, barrier }, t, { sink, now: T0 + 2 * hour, digestIntervalMs: hour }); // an hour without files
    await record(store, { name: 'Second', timeMs: T0 + 2 * hour + 1000 });
    await deliverTrail({ store, barrier }, t, { sink, now: T0 + 3 * hour, digestIntervalMs: hour });
    const digests = sink.list('logs', 'AWSLogs/111122223333/CloudTrail-Digest/');
    assert.equal(digests.length, 3);
    const keys = await store.read((tx) => listSigningKeys(tx, 'us-east-1'));
    assert.equal(keys.length, 1);
    // The private key is stored sealed, never in clear.
    const raw = await store.read((tx) => tx.scan('cloudtrail/aws/us-east-1/signing-key/'));
    assert.ok(!Buffer.from(raw[0]!.value).toString().includes('PRIVATE KEY'));
    const report = await validateChain(sink, { bucket: 'logs', key: digests[2]! }, new Map(keys.map((k) => [k.fingerprint, k.publicDer])));
    assert.deepEqual(report, { validDigests: 3, validLogs: 2, problems: [] });
    const state = await store.read((tx) => readDeliveryState(tx, t));
    assert.equal(state?.latestDigestDeliveryMs, T0 + 3 * hour);
  });

  it('records a failed delivery and delivers the same events once the sink works again', async () => {
    const { store, barrier } = await setup();
    const t = await stored(store, trail());
    await record(store, { name: 'CreateKey' });
    const failing = { put: async () => { throw new Error('The specified bucket does not exist'); } };
    await deliverTrail({ store, barrier }, t, { sink: failing, now: T0 + 60_000, digestIntervalMs: 3600_000 });
    const state = await store.read((tx) => readDeliveryState(tx, t));
    assert.equal(state?.latestDeliveryError, 'The specified bucket does not exist');
    assert.equal(state?.latestDeliveryMs, undefined);
    const sink = new MemoryTrailSink();
    await deliverTrail({ store, barrier }, t, { sink, now: T0 + 120_000, digestIntervalMs: 3600_000 });
    assert.deepEqual(names(sink, sink.list('logs')[0]!), ['CreateKey']);
    assert.equal((await store.read((tx) => readDeliveryState(tx, t)))?.latestDeliveryError, undefined);
  });

  it('keeps 90 days of event history', async () => {
    const { store, barrier } = await setup();
    const day = 24 * 3600_000;
    await record(store, { name: 'Old', timeMs: T0 - 91 * day });
    await record(store, { name: 'Recent', timeMs: T0 - 89 * day });
    const warned: string[] = [];
    const env = { store, barrier, clock: { now: () => T0 }, config: {} as never, log: { warn: (m: string) => warned.push(m), error: () => undefined } };
    await retentionJob.run(env);
    assert.deepEqual((await store.audit.query({})).map((r) => r.eventName), ['Recent']);
    assert.deepEqual(warned, ['event history: deleted 1 audit events older than 90 days']);
  });

  it('starts reading the log where it ended at StartLogging', async () => {
    const { store, barrier, sink } = await setup();
    await record(store, { name: 'BeforeStart' }); // same second as StartLogging, committed before it
    const [last] = await store.audit.query({ order: 'latest', limit: 1 });
    await record(store, { name: 'AfterStart' });
    const t = await stored(store, trail({ startLoggingSeq: last!.seq }));
    await deliverTrail({ store, barrier }, t, { sink, now: T0 + 60_000, digestIntervalMs: 3600_000 });
    assert.deepEqual(names(sink, sink.list('logs')[0]!), ['AfterStart']);
  });
});
