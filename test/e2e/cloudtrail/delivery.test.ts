import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { CloudTrailClient, CreateTrailCommand, GetTrailStatusCommand, ListPublicKeysCommand, StartLoggingCommand, StopLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { validateChain } from '../../../src/audit/trail-validate.js';
import { defaultTrailSink, type MemoryTrailSink } from '../../../src/services/cloudtrail/sink.js';
import { startTestWarden, type Running } from '../../harness.js';

const until = async <T>(what: string, f: () => Promise<T | undefined>, ms = 15_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

describe('cloudtrail delivery to the trail bucket', () => {
  let w: Running;
  let ct: CloudTrailClient;
  let sink: MemoryTrailSink;
  before(async () => {
    w = await startTestWarden(['--trail-interval', '1', '--digest-interval', '2']);
    ct = w.client(CloudTrailClient);
    sink = defaultTrailSink({ store: w.warden.store, config: w.warden.config }) as MemoryTrailSink;
  });
  after(() => w.stop());

  it('delivers log files and signed digests that validate, and reports it in GetTrailStatus', async () => {
    await ct.send(new CreateTrailCommand({ Name: 'delivered', S3BucketName: 'trail-bucket', S3KeyPrefix: 'org', EnableLogFileValidation: true }));
    // Delivery starts at StartLogging's second (eventTime has second precision).
    await new Promise((r) => setTimeout(r, 1100));
    await ct.send(new StartLoggingCommand({ Name: 'delivered' }));
    const key = await w.client(KMSClient).send(new CreateKeyCommand({ Description: 'delivered' }));
    const status = await until('a digest', async () => {
      const s = await ct.send(new GetTrailStatusCommand({ Name: 'delivered' }));
      return s.LatestDigestDeliveryTime !== undefined && s.LatestDeliveryTime !== undefined ? s : undefined;
    });
    assert.equal(status.IsLogging, true);
    assert.equal(status.LatestDeliveryError, undefined);
    assert.match(status.TimeLoggingStarted!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const logs = sink.list('trail-bucket', 'org/AWSLogs/000000000000/CloudTrail/us-east-1/');
    assert.ok(logs.length >= 1);
    const records = logs.flatMap((k) => JSON.parse(gunzipSync(sink.objects.get(`trail-bucket/${k}`)!.body).toString()).Records as { eventName: string; requestID: string }[]);
    assert.ok(records.some((r) => r.eventName === 'CreateKey' && r.requestID === key.$metadata.requestId));
    // Events before StartLogging are not delivered.
    assert.ok(!records.some((r) => r.eventName === 'CreateTrail'));
    const digests = sink.list('trail-bucket', 'org/AWSLogs/000000000000/CloudTrail-Digest/us-east-1/');
    assert.ok(digests.length >= 1);
    assert.match(digests[0]!, /\/000000000000_CloudTrail-Digest_us-east-1_delivered_us-east-1_\d{8}T\d{6}Z\.json\.gz$/);
    // Validate the chain with the public keys the API gives, as validate-logs does.
    const pub = (await ct.send(new ListPublicKeysCommand({}))).PublicKeyList!;
    const report = await validateChain(sink, { bucket: 'trail-bucket', key: digests[digests.length - 1]! }, new Map(pub.map((k) => [k.Fingerprint!, k.Value!])));
    assert.deepEqual(report.problems, []);
    assert.equal(report.validDigests, digests.length);
    assert.ok(report.validLogs >= 1);
  });

  it('delivers nothing for a stopped trail', async () => {
    await ct.send(new CreateTrailCommand({ Name: 'quiet', S3BucketName: 'quiet-bucket' }));
    await ct.send(new StartLoggingCommand({ Name: 'quiet' }));
    await ct.send(new StopLoggingCommand({ Name: 'quiet' }));
    await w.client(KMSClient).send(new CreateKeyCommand({}));
    await new Promise((r) => setTimeout(r, 2500));
    assert.deepEqual(sink.list('quiet-bucket'), []);
    const s = await ct.send(new GetTrailStatusCommand({ Name: 'quiet' }));
    assert.equal(s.IsLogging, false);
    assert.ok(s.StopLoggingTime instanceof Date);
  });
});
