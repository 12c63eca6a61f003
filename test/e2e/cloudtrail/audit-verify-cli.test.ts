import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { CloudTrailClient, CreateTrailCommand, GetTrailStatusCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { spawnWarden, tempDir, TEST_CREDENTIALS, type WardenProcess } from '../../harness.js';

const run = promisify(execFile);
const WARDEN_BIN = resolve(fileURLToPath(import.meta.url), '../../../../src/cli/warden.js');

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));

describe('warden audit verify', () => {
  const tmp = tempDir();
  let p: WardenProcess;
  before(async () => {
    p = await spawnWarden(['--data-dir', tmp.path, '--trail-interval', '1', '--digest-interval', '2']);
  });
  after(async () => {
    await p.stop();
    tmp.remove();
  });

  it('validates delivered files, then finds a tampered log file', async () => {
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
    const log = files(join(tmp.path, 'trail-objects', 'vbucket')).find((f) => f.includes('/CloudTrail/') && f.endsWith('.json.gz'))!;
    writeFileSync(log, gzipSync('{"Records":[]}'));
    await assert.rejects(run(process.execPath, [WARDEN_BIN, 'audit', 'verify', '--data-dir', tmp.path]), (e: { stdout: string; code: number }) => {
      assert.match(e.stdout, /Log file\ts3:\/\/vbucket\/AWSLogs\/.*\tINVALID: hash value doesn't match/);
      assert.equal(e.code, 2);
      return true;
    });
  });
});
