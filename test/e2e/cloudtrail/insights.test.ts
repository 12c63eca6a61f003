import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import {
  CloudTrailClient, CreateTrailCommand, GetInsightSelectorsCommand, InsightNotEnabledException, LookupEventsCommand, PutInsightSelectorsCommand, StartLoggingCommand,
  type Event,
} from '@aws-sdk/client-cloudtrail';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { AWS_CLIS, awsJson } from '../../cli.js';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, s3Of, trailBucket } from './buckets.js';

const until = async <T>(what: string, f: () => Promise<T | undefined>, ms = 25_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface InsightRecord {
  eventVersion: string;
  eventType: string;
  eventCategory: string;
  eventID: string;
  eventTime: string;
  awsRegion: string;
  recipientAccountId: string;
  sharedEventID: string;
  insightDetails: {
    state: 'Start' | 'End';
    eventSource: string;
    eventName: string;
    insightType: string;
    errorCode?: string;
    insightContext: {
      statistics: { baseline: { average: number }; insight: { average: number }; insightDuration: number; baselineDuration: number };
      attributions: { attribute: string; insight: { value: string; average: number }[]; baseline: { value: string; average: number }[] }[];
    };
  };
}

const insightsOf = async (ct: CloudTrailClient, eventName?: string): Promise<{ events: Event[]; records: InsightRecord[] }> => {
  const out = await ct.send(new LookupEventsCommand({ EventCategory: 'insight', ...(eventName ? { LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: eventName }] } : {}) }));
  const events = out.Events ?? [];
  return { events, records: events.map((e) => JSON.parse(e.CloudTrailEvent!) as InsightRecord) };
};

const objects = async (s3: S3Client, bucket: string, prefix: string): Promise<string[]> =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!).sort();

describe('cloudtrail Insights (ApiCallRateInsight, ApiErrorRateInsight)', () => {
  let w: Running;
  let ct: CloudTrailClient;
  let ssm: SSMClient;
  let s3: S3Client;
  before(async () => {
    // One-second periods and a four-second baseline, so the test sees a whole Insights event.
    w = await startTestWarden(['--insights-period', '1', '--insights-baseline', '4', '--trail-interval', '1']);
    ct = w.client(CloudTrailClient);
    ssm = w.client(SSMClient);
    s3 = s3Of(w);
    await trailBucket(w, 'insights-bucket', { trailName: 'watched' }, { trailName: 'plain', prefix: 'plain' });
    await ct.send(new CreateTrailCommand({ Name: 'watched', S3BucketName: 'insights-bucket' }));
    await ct.send(new CreateTrailCommand({ Name: 'plain', S3BucketName: 'insights-bucket', S3KeyPrefix: 'plain' }));
    for (const Name of ['watched', 'plain']) await ct.send(new StartLoggingCommand({ Name }));
  });
  after(() => w.stop());

  it('GetInsightSelectors on a trail without Insights: InsightNotEnabledException with AWS message', async () => {
    const e = await ct.send(new GetInsightSelectorsCommand({ TrailName: 'plain' })).catch((x: unknown) => x);
    assert.ok(e instanceof InsightNotEnabledException, String(e));
    assert.equal(e.message, `Trail arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/plain does not have Insights enabled. Edit the trail settings to enable Insights, and then try the operation again.`);
  });

  it('a burst of write calls after a quiet baseline gives a Start and an End Insights event, in LookupEvents and in S3', async () => {
    await ct.send(new PutInsightSelectorsCommand({ TrailName: 'watched', InsightSelectors: [{ InsightType: 'ApiCallRateInsight' }, { InsightType: 'ApiErrorRateInsight' }] }));
    // A quiet baseline: a few calls, spread out.
    for (let i = 0; i < 3; i++) {
      await ssm.send(new PutParameterCommand({ Name: `/insights/quiet${i}`, Value: 'v', Type: 'String' }));
      await sleep(1000);
    }
    await sleep(2500);
    assert.deepEqual((await insightsOf(ct)).events, [], 'no Insights event while the rate is usual');
    // The burst: 60 writes and 60 failing reads at once.
    await Promise.all([
      ...Array.from({ length: 60 }, (_, i) => ssm.send(new PutParameterCommand({ Name: `/insights/burst${i}`, Value: 'v', Type: 'String' }))),
      ...Array.from({ length: 60 }, () => ssm.send(new GetParameterCommand({ Name: '/insights/missing' })).catch(() => undefined)),
    ]);
    const { events, records } = await until('a Start and an End', async () => {
      const r = await insightsOf(ct, 'PutParameter');
      return r.records.some((x) => x.insightDetails.state === 'End') ? r : undefined;
    });
    // Newest first: End, then Start, sharing sharedEventID.
    assert.equal(records.length, 2, JSON.stringify(records));
    const [end, start] = records as [InsightRecord, InsightRecord];
    assert.equal(start.insightDetails.state, 'Start');
    assert.equal(end.insightDetails.state, 'End');
    assert.equal(start.sharedEventID, end.sharedEventID);
    assert.notEqual(start.eventID, end.eventID);
    for (const r of records) {
      assert.equal(r.eventType, 'AwsCloudTrailInsight');
      assert.equal(r.eventCategory, 'Insight');
      assert.equal(r.awsRegion, 'us-east-1');
      assert.equal(r.recipientAccountId, ACCOUNT);
      assert.equal(r.insightDetails.eventSource, 'ssm.amazonaws.com');
      assert.equal(r.insightDetails.eventName, 'PutParameter');
      assert.equal(r.insightDetails.insightType, 'ApiCallRateInsight');
      const st = r.insightDetails.insightContext.statistics;
      assert.ok(st.insight.average > st.baseline.average, JSON.stringify(st));
      assert.equal(st.baselineDuration, 1);
      assert.ok(st.insightDuration >= 1);
      const who = r.insightDetails.insightContext.attributions.find((a) => a.attribute === 'userIdentityArn');
      assert.equal(who?.insight[0]?.value, `arn:aws:iam::${ACCOUNT}:root`);
    }
    assert.ok(Date.parse(end.eventTime) > Date.parse(start.eventTime));
    // The LookupEvents Event of an Insights event.
    assert.equal(events[0]!.EventName, 'PutParameter');
    assert.equal(events[0]!.EventSource, 'ssm.amazonaws.com');
    assert.equal(events[0]!.EventId, end.eventID);

    // The error burst: an ApiErrorRateInsight for GetParameter/ParameterNotFound.
    const errors = await until('an error-rate End', async () => {
      const r = await insightsOf(ct, 'GetParameter');
      return r.records.some((x) => x.insightDetails.state === 'End') ? r.records : undefined;
    });
    assert.deepEqual(errors.map((r) => [r.insightDetails.state, r.insightDetails.insightType, r.insightDetails.errorCode]), [
      ['End', 'ApiErrorRateInsight', 'ParameterNotFound'],
      ['Start', 'ApiErrorRateInsight', 'ParameterNotFound'],
    ]);
    // GetParameter is a read: it never makes an ApiCallRateInsight.
    assert.ok(!(await insightsOf(ct)).records.some((r) => r.insightDetails.eventName === 'GetParameter' && r.insightDetails.insightType === 'ApiCallRateInsight'));

    // Delivered to the trail with Insights, under CloudTrail-Insight/, and only there.
    const prefix = `AWSLogs/${ACCOUNT}/CloudTrail-Insight/us-east-1/`;
    const delivered = await until('the Insights files', async () => {
      const keys = await objects(s3, 'insights-bucket', prefix);
      const recs: InsightRecord[] = [];
      for (const key of keys) {
        assert.match(key, new RegExp(`^${prefix}\\d{4}/\\d{2}/\\d{2}/${ACCOUNT}_CloudTrail-Insight_us-east-1_\\d{8}T\\d{4}Z_[A-Za-z0-9]{16}\\.json\\.gz$`));
        const o = await s3.send(new GetObjectCommand({ Bucket: 'insights-bucket', Key: key }));
        recs.push(...(JSON.parse(gunzipSync(await o.Body!.transformToByteArray()).toString('utf8')) as { Records: InsightRecord[] }).Records);
      }
      return recs.length >= 4 ? recs : undefined;
    });
    assert.deepEqual(new Set(delivered.map((r) => r.eventID)), new Set([...records, ...errors].map((r) => r.eventID)));
    // The trail without Insights gets its log files, and no Insights file.
    await until('the plain trail\'s log files', async () => ((await objects(s3, 'insights-bucket', `plain/AWSLogs/${ACCOUNT}/CloudTrail/`)).length > 0 ? true : undefined));
    assert.deepEqual(await objects(s3, 'insights-bucket', `plain/AWSLogs/${ACCOUNT}/CloudTrail-Insight/`), []);
    // Insights events are in no ordinary log file, and event history without the category has none.
    const logs = [...await objects(s3, 'insights-bucket', `AWSLogs/${ACCOUNT}/CloudTrail/`), ...await objects(s3, 'insights-bucket', `plain/AWSLogs/${ACCOUNT}/CloudTrail/`)];
    assert.ok(logs.length > 0);
    for (const key of logs) {
      const o = await s3.send(new GetObjectCommand({ Bucket: 'insights-bucket', Key: key }));
      assert.ok(!gunzipSync(await o.Body!.transformToByteArray()).toString('utf8').includes('AwsCloudTrailInsight'), key);
    }
    const history = await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'PutParameter' }], MaxResults: 50 }));
    assert.ok((history.Events ?? []).every((e) => !e.CloudTrailEvent!.includes('AwsCloudTrailInsight')));
    // Both CLIs: lookup-events --event-category insight.
    for (const cli of AWS_CLIS) {
      const out = (await awsJson(w.url, ['cloudtrail', 'lookup-events', '--event-category', 'insight', '--lookup-attributes', 'AttributeKey=EventName,AttributeValue=PutParameter'], { cli })) as { Events: { EventId: string }[] };
      assert.deepEqual(out.Events.map((e) => e.EventId), records.map((r) => r.eventID), cli);
    }
  });
});
