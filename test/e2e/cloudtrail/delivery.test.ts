import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  CloudTrailClient, CreateTrailCommand, GetTrailCommand, GetTrailStatusCommand, InsufficientS3BucketPolicyException, ListPublicKeysCommand, ListTrailsCommand,
  S3BucketDoesNotExistException, StartLoggingCommand, StopLoggingCommand, UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, DeleteBucketPolicyCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { validateChain } from '../../../src/audit/trail-validate.js';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, cloudTrailBucketPolicy, keysOf, s3Of, s3Reader, trailBucket, until } from './buckets.js';

describe('cloudtrail checks the trail bucket in S3', () => {
  let w: Running;
  let ct: CloudTrailClient;
  let s3: S3Client;
  before(async () => {
    w = await startTestWarden();
    ct = w.client(CloudTrailClient);
    s3 = s3Of(w);
  });
  after(() => w.stop());

  const noTrails = async () => assert.deepEqual((await ct.send(new ListTrailsCommand({}))).Trails, []);

  it('refuses a bucket that does not exist; nothing is stored', async () => {
    const e = await ct.send(new CreateTrailCommand({ Name: 'homeless', S3BucketName: 'no-such-bucket' })).catch((x: unknown) => x);
    assert.ok(e instanceof S3BucketDoesNotExistException, String(e));
    assert.equal(e.$metadata.httpStatusCode, 400);
    assert.match(e.message, /no-such-bucket/);
    await noTrails();
    assert.equal((await w.lastEvent('CreateTrail')).errorCode, 'S3BucketDoesNotExistException');
  });

  it('refuses a bucket without a policy, or whose policy does not let CloudTrail write there', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'bare-bucket' }));
    const bare = await ct.send(new CreateTrailCommand({ Name: 'bare', S3BucketName: 'bare-bucket' })).catch((x: unknown) => x);
    assert.ok(bare instanceof InsufficientS3BucketPolicyException, String(bare));
    assert.equal(bare.message, 'Incorrect S3 bucket policy is detected for bucket: bare-bucket');
    assert.equal(bare.$metadata.httpStatusCode, 400);
    // The policy names another trail (aws:SourceArn) …
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'bare-bucket', Policy: JSON.stringify(cloudTrailBucketPolicy('bare-bucket', { trailName: 'someone-else' })) }));
    await assert.rejects(ct.send(new CreateTrailCommand({ Name: 'bare', S3BucketName: 'bare-bucket' })), InsufficientS3BucketPolicyException);
    // … or another key prefix than the trail's.
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'bare-bucket', Policy: JSON.stringify(cloudTrailBucketPolicy('bare-bucket', { trailName: 'bare', prefix: 'elsewhere' })) }));
    await assert.rejects(ct.send(new CreateTrailCommand({ Name: 'bare', S3BucketName: 'bare-bucket', S3KeyPrefix: 'mine' })), InsufficientS3BucketPolicyException);
    // Only the write statement: the s3:GetBucketAcl check fails.
    const writeOnly = cloudTrailBucketPolicy('bare-bucket', { trailName: 'bare' }) as { Statement: object[] };
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'bare-bucket', Policy: JSON.stringify({ ...writeOnly, Statement: writeOnly.Statement.slice(1) }) }));
    await assert.rejects(ct.send(new CreateTrailCommand({ Name: 'bare', S3BucketName: 'bare-bucket' })), InsufficientS3BucketPolicyException);
    await noTrails();
    // The documented policy for this trail and prefix is accepted.
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'bare-bucket', Policy: JSON.stringify(cloudTrailBucketPolicy('bare-bucket', { trailName: 'bare', prefix: 'mine' })) }));
    const made = await ct.send(new CreateTrailCommand({ Name: 'bare', S3BucketName: 'bare-bucket', S3KeyPrefix: 'mine' }));
    assert.equal(made.S3BucketName, 'bare-bucket');
  });

  it('UpdateTrail checks a new bucket or prefix the same way and leaves the trail as it was', async () => {
    await assert.rejects(ct.send(new UpdateTrailCommand({ Name: 'bare', S3BucketName: 'no-such-bucket' })), S3BucketDoesNotExistException);
    await assert.rejects(ct.send(new UpdateTrailCommand({ Name: 'bare', S3KeyPrefix: 'other', EnableLogFileValidation: true })), InsufficientS3BucketPolicyException);
    assert.equal((await w.lastEvent('UpdateTrail')).errorCode, 'InsufficientS3BucketPolicyException');
    const t = (await ct.send(new GetTrailCommand({ Name: 'bare' }))).Trail!;
    assert.equal(t.S3BucketName, 'bare-bucket');
    assert.equal(t.S3KeyPrefix, 'mine');
    assert.equal(t.LogFileValidationEnabled, false);
    // Settings that do not move the files are not checked again.
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: 'bare-bucket' }));
    assert.equal((await ct.send(new UpdateTrailCommand({ Name: 'bare', EnableLogFileValidation: true }))).LogFileValidationEnabled, true);
  });
});

describe('cloudtrail delivery into S3', () => {
  let w: Running;
  let ct: CloudTrailClient;
  let s3: S3Client;
  before(async () => {
    w = await startTestWarden(['--trail-interval', '1', '--digest-interval', '2']);
    ct = w.client(CloudTrailClient);
    s3 = s3Of(w);
  });
  after(() => w.stop());

  it('delivers gzipped log files and signed digests under the AWS key layout, readable with GetObject, that validate', async () => {
    await trailBucket(w, 'trail-bucket', { trailName: 'delivered', prefix: 'org' });
    await ct.send(new CreateTrailCommand({ Name: 'delivered', S3BucketName: 'trail-bucket', S3KeyPrefix: 'org', EnableLogFileValidation: true }));
    // Delivery starts at StartLogging's second (eventTime has second precision).
    await new Promise((r) => setTimeout(r, 1100));
    await ct.send(new StartLoggingCommand({ Name: 'delivered' }));
    const key = await w.client(KMSClient).send(new CreateKeyCommand({ Description: 'delivered' }));
    const status = await until('a digest after a log file', async () => {
      const s = await ct.send(new GetTrailStatusCommand({ Name: 'delivered' }));
      return s.LatestDigestDeliveryTime !== undefined && s.LatestDeliveryTime !== undefined && s.LatestDigestDeliveryTime >= s.LatestDeliveryTime ? s : undefined;
    });
    assert.equal(status.IsLogging, true);
    assert.equal(status.LatestDeliveryError, undefined);
    assert.equal(status.LatestDigestDeliveryError, undefined);

    const logs = await keysOf(s3, 'trail-bucket', `org/AWSLogs/${ACCOUNT}/CloudTrail/`);
    assert.ok(logs.length >= 1);
    for (const k of logs) assert.match(k, new RegExp(`^org/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/\\d{4}/\\d\\d/\\d\\d/${ACCOUNT}_CloudTrail_us-east-1_\\d{8}T\\d{4}Z_[0-9A-Za-z]{16}\\.json\\.gz$`));
    const records: { eventName: string; requestID: string }[] = [];
    for (const k of logs) {
      const o = await s3.send(new GetObjectCommand({ Bucket: 'trail-bucket', Key: k }));
      assert.equal(o.ContentType, 'application/json');
      assert.equal(o.ContentEncoding, 'gzip');
      assert.equal(o.ServerSideEncryption, 'AES256');
      records.push(...(JSON.parse(gunzipSync(await o.Body!.transformToByteArray()).toString()) as { Records: typeof records }).Records);
    }
    assert.ok(records.some((r) => r.eventName === 'CreateKey' && r.requestID === key.$metadata.requestId));
    // Events before StartLogging are not delivered.
    assert.ok(!records.some((r) => r.eventName === 'CreateTrail'));

    const digests = await keysOf(s3, 'trail-bucket', `org/AWSLogs/${ACCOUNT}/CloudTrail-Digest/`);
    assert.ok(digests.length >= 1);
    assert.match(digests[0]!, new RegExp(`^org/AWSLogs/${ACCOUNT}/CloudTrail-Digest/us-east-1/\\d{4}/\\d\\d/\\d\\d/${ACCOUNT}_CloudTrail-Digest_us-east-1_delivered_us-east-1_\\d{8}T\\d{6}Z\\.json\\.gz$`));
    const d = await s3.send(new GetObjectCommand({ Bucket: 'trail-bucket', Key: digests[0]! }));
    assert.match(d.Metadata?.['signature'] ?? '', /^[0-9a-f]{512}$/);
    assert.equal(d.Metadata?.['signature-algorithm'], 'SHA256withRSA');
    assert.equal(JSON.parse(gunzipSync(await d.Body!.transformToByteArray()).toString()).digestS3Object, digests[0]);

    // Validate the chain read back through S3 with the public keys the API gives, as validate-logs does.
    const pub = (await ct.send(new ListPublicKeysCommand({}))).PublicKeyList!;
    const keys = new Map(pub.map((k) => [k.Fingerprint!, k.Value!]));
    const newest = { bucket: 'trail-bucket', key: digests[digests.length - 1]! };
    const report = await validateChain(s3Reader(s3), newest, keys);
    assert.deepEqual(report.problems, []);
    assert.equal(report.validDigests, digests.length);
    assert.ok(report.validLogs >= 1);

    // Stop delivery, then overwrite a delivered log file through S3: validation finds it.
    await ct.send(new StopLoggingCommand({ Name: 'delivered' }));
    const delivered = (JSON.parse(gunzipSync(await (await s3.send(new GetObjectCommand({ Bucket: 'trail-bucket', Key: newest.key }))).Body!.transformToByteArray()).toString()) as { logFiles: { s3Object: string }[] }).logFiles;
    const victim = delivered[0]?.s3Object ?? logs[0]!;
    await s3.send(new PutObjectCommand({ Bucket: 'trail-bucket', Key: victim, Body: gzipSync('{"Records":[]}') }));
    const all = await keysOf(s3, 'trail-bucket', `org/AWSLogs/${ACCOUNT}/CloudTrail-Digest/`);
    const tampered = await validateChain(s3Reader(s3), { bucket: 'trail-bucket', key: all[all.length - 1]! }, keys);
    assert.ok(tampered.problems.includes(`Log file\ts3://trail-bucket/${victim}\tINVALID: hash value doesn't match`), tampered.problems.join('\n'));
  });

  it('records a refused delivery in GetTrailStatus when the bucket policy goes away, and delivers again once it is back', async () => {
    await trailBucket(w, 'fragile-bucket', { trailName: 'fragile' });
    await ct.send(new CreateTrailCommand({ Name: 'fragile', S3BucketName: 'fragile-bucket' }));
    const policy = JSON.stringify(cloudTrailBucketPolicy('fragile-bucket', { trailName: 'fragile' }));
    await s3.send(new DeleteBucketPolicyCommand({ Bucket: 'fragile-bucket' }));
    await ct.send(new StartLoggingCommand({ Name: 'fragile' }));
    const key = await w.client(KMSClient).send(new CreateKeyCommand({ Description: 'fragile' }));
    const failed = await until('a delivery error', async () => {
      const s = await ct.send(new GetTrailStatusCommand({ Name: 'fragile' }));
      return s.LatestDeliveryError !== undefined ? s : undefined;
    });
    assert.match(failed.LatestDeliveryError!, /cloudtrail\.amazonaws\.com may not perform s3:PutObject .*the bucket has no bucket policy/);
    assert.equal(failed.LatestDeliveryTime, undefined);
    assert.deepEqual(await keysOf(s3, 'fragile-bucket'), []);
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'fragile-bucket', Policy: policy }));
    const okStatus = await until('a delivery', async () => {
      const s = await ct.send(new GetTrailStatusCommand({ Name: 'fragile' }));
      return s.LatestDeliveryTime !== undefined ? s : undefined;
    });
    assert.equal(okStatus.LatestDeliveryError, undefined);
    const records = [];
    for (const k of await keysOf(s3, 'fragile-bucket', `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/`)) {
      const o = await s3.send(new GetObjectCommand({ Bucket: 'fragile-bucket', Key: k }));
      records.push(...(JSON.parse(gunzipSync(await o.Body!.transformToByteArray()).toString()) as { Records: { requestID: string }[] }).Records);
    }
    // The events of the failed round are delivered, once.
    assert.equal(records.filter((r) => r.requestID === key.$metadata.requestId).length, 1);
  });

  it('delivers nothing for a stopped trail', async () => {
    await trailBucket(w, 'quiet-bucket', { trailName: 'quiet' });
    await ct.send(new CreateTrailCommand({ Name: 'quiet', S3BucketName: 'quiet-bucket' }));
    await ct.send(new StartLoggingCommand({ Name: 'quiet' }));
    await ct.send(new StopLoggingCommand({ Name: 'quiet' }));
    await w.client(KMSClient).send(new CreateKeyCommand({}));
    await new Promise((r) => setTimeout(r, 2500));
    assert.deepEqual(await keysOf(s3, 'quiet-bucket'), []);
    const s = await ct.send(new GetTrailStatusCommand({ Name: 'quiet' }));
    assert.equal(s.IsLogging, false);
    assert.ok(s.StopLoggingTime instanceof Date);
  });
});
