import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CloudTrailClient, CreateTrailCommand, GetTrailStatusCommand, LookupEventsCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { startTestWarden, type Running } from '../../harness.js';
import { trailBucket } from './buckets.js';

describe('cloudtrail through the AWS SDK v3', () => {
  let w: Running;
  let ct: CloudTrailClient;
  before(async () => {
    w = await startTestWarden();
    ct = w.client(CloudTrailClient);
  });
  after(() => w.stop());

  it('finds a KMS call in the event history with the full record', async () => {
    const key = await w.client(KMSClient).send(new CreateKeyCommand({ Description: 'trail me' }));
    const out = await ct.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'CreateKey' }] }));
    assert.equal(out.Events!.length, 1);
    const ev = out.Events![0]!;
    assert.equal(ev.EventSource, 'kms.amazonaws.com');
    assert.ok(ev.EventTime instanceof Date);
    const record = JSON.parse(ev.CloudTrailEvent!);
    assert.equal(record.requestID, key.$metadata.requestId);
    assert.equal(record.eventVersion, '1.11');
  });

  it('creates a trail and starts logging', async () => {
    await trailBucket(w, 'audit-bucket', { trailName: 'main' });
    const trail = await ct.send(new CreateTrailCommand({ Name: 'main', S3BucketName: 'audit-bucket' }));
    assert.equal(trail.TrailARN, 'arn:aws:cloudtrail:us-east-1:000000000000:trail/main');
    await ct.send(new StartLoggingCommand({ Name: 'main' }));
    const status = await ct.send(new GetTrailStatusCommand({ Name: 'main' }));
    assert.equal(status.IsLogging, true);
  });
});
