import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { CloudTrailClient, CreateTrailCommand, GetTrailStatusCommand, StopLoggingCommand, StartLoggingCommand } from '@aws-sdk/client-cloudtrail';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { AWS_CLIS, awsEnv, runAws } from '../../cli.js';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, s3Of, trailBucket } from './buckets.js';

/**
 * `validate-logs` reads the bucket with its own S3 client, which `--endpoint-url` (CloudTrail's)
 * does not reach; only CLIs that honour service-specific endpoints (AWS_ENDPOINT_URL_S3) can be
 * pointed at Warden's S3. Seen here: awscli 1.45 does, Debian's 2.9 goes to s3.amazonaws.com. The
 * first versions with the variable (1.29, 2.13) are from memory of the CLI changelog. // unverified
 */
function skipReason(cli: string): string | false {
  let version: string;
  try {
    version = execFileSync(cli, ['--version'], { env: awsEnv(), encoding: 'utf8' });
  } catch {
    return `${cli} is not installed`;
  }
  const m = /aws-cli\/(\d+)\.(\d+)\./.exec(version);
  if (m === null) return `cannot tell the version of ${cli}: ${version.trim()}`;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  const ok = (major === 1 && minor >= 29) || (major === 2 && minor >= 13) || major > 2;
  return ok ? false : `${cli} ${m[1]}.${m[2]} does not honour AWS_ENDPOINT_URL_S3, so validate-logs would read s3.amazonaws.com, not Warden`;
}

for (const cli of AWS_CLIS) {
  describe(`${cli} cloudtrail validate-logs against Warden`, { skip: skipReason(cli) }, () => {
    let w: Running;
    const validate = (trailArn: string, start: string) =>
      runAws(w.url, ['cloudtrail', 'validate-logs', '--trail-arn', trailArn, '--start-time', start], { cli, env: { AWS_ENDPOINT_URL_S3: w.url } });
    before(async () => {
      w = await startTestWarden(['--trail-interval', '1', '--digest-interval', '2']);
    });
    after(() => w.stop());

    it('validates the digests and log files Warden delivered, then finds a log file overwritten through S3', async () => {
      const start = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const ct = w.client(CloudTrailClient);
      const s3 = s3Of(w);
      await trailBucket(w, 'validated-bucket', { trailName: 'validated' });
      const arn = (await ct.send(new CreateTrailCommand({ Name: 'validated', S3BucketName: 'validated-bucket', EnableLogFileValidation: true }))).TrailARN!;
      await ct.send(new StartLoggingCommand({ Name: 'validated' }));
      await w.client(KMSClient).send(new CreateKeyCommand({ Description: 'validate-logs' }));
      const end = Date.now() + 15_000;
      for (;;) {
        const s = await ct.send(new GetTrailStatusCommand({ Name: 'validated' }));
        if (s.LatestDigestDeliveryTime !== undefined && s.LatestDeliveryTime !== undefined && s.LatestDigestDeliveryTime >= s.LatestDeliveryTime) break;
        if (Date.now() > end) throw new Error('no digest delivered');
        await new Promise((r) => setTimeout(r, 200));
      }
      await ct.send(new StopLoggingCommand({ Name: 'validated' }));

      const ok = await validate(arn, start);
      assert.match(ok.stdout, /\n(\d+)\/\1 digest files valid\n/);
      assert.match(ok.stdout, /\n([1-9]\d*)\/\1 log files valid\n/);
      assert.doesNotMatch(ok.stdout, /INVALID/);

      // Overwrite a log file a digest lists, as the bucket owner.
      const digests = ((await s3.send(new ListObjectsV2Command({ Bucket: 'validated-bucket', Prefix: `AWSLogs/${ACCOUNT}/CloudTrail-Digest/` }))).Contents ?? []).map((o) => o.Key!).sort();
      const newest = await s3.send(new GetObjectCommand({ Bucket: 'validated-bucket', Key: digests[digests.length - 1]! }));
      const listed = (JSON.parse(gunzipSync(await newest.Body!.transformToByteArray()).toString()) as { logFiles: { s3Object: string }[] }).logFiles;
      const victim = listed[0]?.s3Object;
      assert.ok(victim !== undefined, 'the newest digest lists no log file');
      await s3.send(new PutObjectCommand({ Bucket: 'validated-bucket', Key: victim, Body: gzipSync('{"Records":[]}') }));
      await assert.rejects(validate(arn, start), (e: { stdout: string; stderr: string; code: number }) => {
        // The CLI writes INVALID lines to stderr, the summary to stdout.
        assert.ok(e.stderr.includes(`Log file\ts3://validated-bucket/${victim}\tINVALID: hash value doesn't match`), e.stderr);
        assert.match(e.stdout, /, 1\/\d+ log files INVALID/);
        assert.equal(e.code, 1);
        return true;
      });
    });
  });
}
