import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { CloudTrailClient, CreateTrailCommand, GetTrailStatusCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { spawnWarden, tempDir, TEST_CREDENTIALS, type WardenProcess } from '../../harness.js';
import { s3Of, trailBucket } from './buckets.js';

const run = promisify(execFile);
const WARDEN_BIN = resolve(fileURLToPath(import.meta.url), '../../../../src/cli/warden.js');

describe('warden audit verify', () => {
  const tmp = tempDir();
  let p: WardenProcess;
  const args = ['--data-dir', tmp.path, '--trail-interval', '1', '--digest-interval', '2'];
  before(async () => {
    p = await spawnWarden(args);
  });
  after(async () => {
    await p.stop();
    tmp.remove();
  });

  it('validates the files delivered into S3, then finds a log file overwritten through S3', async () => {
    await trailBucket(p, 'vbucket', { trailName: 'verified' });
    const ct = new CloudTrailClient({ endpoint: p.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    await ct.send(new CreateTrailCommand({ Name: 'verified', S3BucketName: 'vbucket', EnableLogFileValidation: true }));
    await ct.send(new StartLoggingCommand({ Name: 'verified' }));
    await new KMSClient({ endpoint: p.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 }).send(new CreateKeyCommand({}));
    const end = Date.now() + 15_000;
    for (;;) {
      const s = await ct.send(new GetTrailStatusCommand({ Name: 'verified' }));
      if (s.LatestDigestDeliveryTime !== undefined && s.LatestDeliveryTime !== undefined && s.LatestDigestDeliveryTime >= s.LatestDeliveryTime) break;
      if (Date.now() > end) throw new Error('no digest delivered');
      await new Promise((r) => setTimeout(r, 200));
    }
    await p.stop();
    const ok = await run(process.execPath, [WARDEN_BIN, 'audit', 'verify', '--data-dir', tmp.path]);
    assert.match(ok.stdout, /arn:aws:cloudtrail:us-east-1:000000000000:trail\/verified \(us-east-1\): \d+ digest files valid, [1-9]\d* log files valid, 0 problems/);
    // Overwrite a delivered log file with a PutObject of the bucket owner, Warden running again.
    p = await spawnWarden(args);
    const s3 = s3Of(p);
    const log = (await s3.send(new ListObjectsV2Command({ Bucket: 'vbucket', Prefix: 'AWSLogs/000000000000/CloudTrail/' }))).Contents![0]!.Key!;
    await s3.send(new PutObjectCommand({ Bucket: 'vbucket', Key: log, Body: gzipSync('{"Records":[]}') }));
    await p.stop();
    await assert.rejects(run(process.execPath, [WARDEN_BIN, 'audit', 'verify', '--data-dir', tmp.path]), (e: { stdout: string; code: number }) => {
      assert.ok(e.stdout.includes(`Log file\ts3://vbucket/${log}\tINVALID: hash value doesn't match`), e.stdout);
      assert.equal(e.code, 2);
      return true;
    });
    // Without the root key the sealed objects cannot be read: an error, and no key is generated.
    const empty = tempDir();
    try {
      await assert.rejects(run(process.execPath, [WARDEN_BIN, 'audit', 'verify', '--data-dir', empty.path]), (e: { stderr: string; code: number }) => {
        assert.match(e.stderr, /no root key for .*: pass --root-key-file FILE or set WARDEN_ROOT_KEY/);
        assert.notEqual(e.code, 0);
        return true;
      });
      assert.deepEqual(readdirSync(empty.path), []);
    } finally {
      empty.remove();
    }
  });

  it('reads SSE-KMS trail files offline with the data dir\'s root key', async () => {
    const dir = tempDir();
    const q = await spawnWarden(['--data-dir', dir.path, '--trail-interval', '1', '--digest-interval', '2']);
    try {
      await trailBucket(q, 'kbucket', { trailName: 'kms-verified' });
      const ct = new CloudTrailClient({ endpoint: q.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
      const kms = new KMSClient({ endpoint: q.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
      const policy = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'kms:*', Resource: '*' },
          { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*', Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:000000000000:trail/*' } } },
        ],
      };
      const key = (await kms.send(new CreateKeyCommand({ Policy: JSON.stringify(policy) }))).KeyMetadata!;
      await ct.send(new CreateTrailCommand({ Name: 'kms-verified', S3BucketName: 'kbucket', EnableLogFileValidation: true, KmsKeyId: key.KeyId }));
      await ct.send(new StartLoggingCommand({ Name: 'kms-verified' }));
      await kms.send(new CreateKeyCommand({}));
      const end = Date.now() + 15_000;
      for (;;) {
        const s = await ct.send(new GetTrailStatusCommand({ Name: 'kms-verified' }));
        if (s.LatestDigestDeliveryTime !== undefined && s.LatestDeliveryTime !== undefined && s.LatestDigestDeliveryTime >= s.LatestDeliveryTime) break;
        if (Date.now() > end) throw new Error('no digest delivered');
        await new Promise((r) => setTimeout(r, 200));
      }
      await q.stop();
      const ok = await run(process.execPath, [WARDEN_BIN, 'audit', 'verify', '--data-dir', dir.path]);
      assert.match(ok.stdout, /trail\/kms-verified \(us-east-1\): \d+ digest files valid, [1-9]\d* log files valid, 0 problems/);
    } finally {
      await q.stop().catch(() => undefined);
      dir.remove();
    }
  });
});
