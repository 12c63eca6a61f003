import assert from 'node:assert/strict';
import { createHash, createPublicKey } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { AWS_CLIS, awsJson } from '../../cli.js';
import { startTestWarden, type Running } from '../../harness.js';
import { trailBucket } from './buckets.js';

for (const cli of AWS_CLIS) {
  describe(`${cli} cloudtrail`, () => {
    let w: Running;
    const ct = (...args: string[]): Promise<any> => awsJson(w.url, ['cloudtrail', ...args], { cli });
    before(async () => {
      w = await startTestWarden();
      await trailBucket(w, 'cli-bucket', { trailName: 'cli-trail' });
    });
    after(() => w.stop());

    it('create-trail, put/get-event-selectors, update-trail, get-trail-status', async () => {
      const t = await ct('create-trail', '--name', 'cli-trail', '--s3-bucket-name', 'cli-bucket', '--is-multi-region-trail');
      assert.equal(t.IsMultiRegionTrail, true);
      await ct('put-event-selectors', '--trail-name', 'cli-trail', '--event-selectors', '[{"ReadWriteType":"ReadOnly","IncludeManagementEvents":true}]');
      const sel = await ct('get-event-selectors', '--trail-name', 'cli-trail');
      assert.equal(sel.EventSelectors[0].ReadWriteType, 'ReadOnly');
      await ct('put-event-selectors', '--trail-name', 'cli-trail', '--advanced-event-selectors', '[{"Name":"mgmt","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}]');
      assert.equal((await ct('get-event-selectors', '--trail-name', 'cli-trail')).AdvancedEventSelectors[0].Name, 'mgmt');
      assert.equal((await ct('update-trail', '--name', 'cli-trail', '--enable-log-file-validation')).LogFileValidationEnabled, true);
      await ct('start-logging', '--name', 'cli-trail');
      const status = await ct('get-trail-status', '--name', 'cli-trail');
      assert.equal(status.IsLogging, true);
    });

    it('create-trail refuses a missing bucket and one whose policy does not admit CloudTrail', async () => {
      await assert.rejects(ct('create-trail', '--name', 'no-bucket', '--s3-bucket-name', 'cli-missing-bucket'), (e: { stderr: string }) => {
        assert.match(e.stderr, /An error occurred \(S3BucketDoesNotExistException\) when calling the CreateTrail operation: .*cli-missing-bucket/);
        return true;
      });
      await assert.rejects(ct('create-trail', '--name', 'not-admitted', '--s3-bucket-name', 'cli-bucket'), (e: { stderr: string }) => {
        assert.match(e.stderr, /An error occurred \(InsufficientS3BucketPolicyException\) when calling the CreateTrail operation: Incorrect S3 bucket policy is detected for bucket: cli-bucket/);
        return true;
      });
      assert.deepEqual((await ct('list-trails')).Trails.map((t: { Name: string }) => t.Name), ['cli-trail']);
    });

    it('list-public-keys gives a DER RSA key and its fingerprint', async () => {
      const out = await ct('list-public-keys');
      const k = out.PublicKeyList[0];
      const der = Buffer.from(k.Value, 'base64');
      assert.equal(createPublicKey({ key: der, format: 'der', type: 'pkcs1' }).asymmetricKeyDetails?.modulusLength, 2048);
      assert.equal(k.Fingerprint, createHash('md5').update(der).digest('hex'));
    });
  });
}
