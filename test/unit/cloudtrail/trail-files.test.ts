import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { buildDigest, buildLogFile, digestFileKey, logFileKey, sha256Hex, type DigestLink } from '../../../src/audit/trail-files.js';
import { validateChain } from '../../../src/audit/trail-validate.js';
import { fingerprintOf } from '../../../src/services/cloudtrail/signing-keys.js';
import { MemoryTrailSink } from '../../../src/services/cloudtrail/sink.js';

const T = Date.UTC(2026, 10, 23, 14, 5, 9); // 2026-11-23T14:05:09Z

describe('CloudTrail file names', () => {
  it('names log files as AWS does, with the optional prefix', () => {
    const key = logFileKey({ account: '111122223333', region: 'us-east-2', timeMs: T });
    assert.match(key, /^AWSLogs\/111122223333\/CloudTrail\/us-east-2\/2026\/11\/23\/111122223333_CloudTrail_us-east-2_20261123T1405Z_[A-Za-z0-9]{16}\.json\.gz$/);
    assert.equal(
      logFileKey({ prefix: 'my/prefix', account: '111122223333', region: 'us-east-2', timeMs: T, suffix: '9nYN7gp2eWAJHIfT' }),
      'my/prefix/AWSLogs/111122223333/CloudTrail/us-east-2/2026/11/23/111122223333_CloudTrail_us-east-2_20261123T1405Z_9nYN7gp2eWAJHIfT.json.gz',
    );
    assert.notEqual(logFileKey({ account: '1', region: 'r', timeMs: T }), logFileKey({ account: '1', region: 'r', timeMs: T }));
  });

  it('names digest files as validate-logs expects (its date is the 16 characters before .json.gz)', () => {
    const key = digestFileKey({ account: '111122223333', region: 'eu-west-1', trailName: 'main', homeRegion: 'us-east-1', endMs: T });
    assert.equal(key, 'AWSLogs/111122223333/CloudTrail-Digest/eu-west-1/2026/11/23/111122223333_CloudTrail-Digest_eu-west-1_main_us-east-1_20261123T140509Z.json.gz');
    assert.equal(key.slice(-24, -8), '20261123T140509Z');
    assert.match(
      key,
      /^AWSLogs\/111122223333\/CloudTrail-Digest\/eu-west-1\/\d+\/\d+\/\d+\/111122223333_CloudTrail-Digest_eu-west-1_main_us-east-1_.+\.json\.gz$/,
    );
    assert.ok(digestFileKey({ prefix: 'p', account: '1', region: 'r', trailName: 't', homeRegion: 'r', endMs: T }).startsWith('p/AWSLogs/1/CloudTrail-Digest/'));
  });

  it('writes gzipped {"Records":[…]} and hashes the uncompressed bytes', () => {
    const recs = [JSON.stringify({ eventName: 'A', eventTime: '2026-11-23T14:00:01Z' }), JSON.stringify({ eventName: 'B', eventTime: '2026-11-23T13:59:00Z' })];
    const f = buildLogFile('bucket', 'k.json.gz', recs, ['2026-11-23T14:00:01Z', '2026-11-23T13:59:00Z']);
    const plain = gunzipSync(f.body);
    assert.deepEqual(JSON.parse(plain.toString()).Records.map((r: { eventName: string }) => r.eventName), ['A', 'B']);
    assert.equal(f.entry.hashValue, sha256Hex(plain));
    assert.equal(f.entry.hashAlgorithm, 'SHA-256');
    assert.equal(f.entry.oldestEventTime, '2026-11-23T13:59:00Z');
    assert.equal(f.entry.newestEventTime, '2026-11-23T14:00:01Z');
  });
});

describe('CloudTrail digest chain', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ format: 'der', type: 'pkcs1' });
  const fingerprint = fingerprintOf(der);
  const keys = new Map([[fingerprint, der]]);

  /** Three hours of a trail: two log files, then none, then one; a digest per hour. */
  async function chain(): Promise<{ sink: MemoryTrailSink; newest: { bucket: string; key: string }; logs: string[]; digests: string[] }> {
    const sink = new MemoryTrailSink();
    const logs: string[] = [];
    const digests: string[] = [];
    let previous: DigestLink | undefined;
    const perHour = [2, 0, 1];
    for (let h = 0; h < perHour.length; h++) {
      const entries = [];
      for (let i = 0; i < perHour[h]!; i++) {
        const key = logFileKey({ account: '111122223333', region: 'us-east-1', timeMs: T + h * 3600_000 + i * 60_000 });
        const f = buildLogFile('logs', key, [JSON.stringify({ eventName: `E${h}.${i}` })], [new Date(T + h * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z')]);
        await sink.put('logs', key, f.body, {});
        entries.push(f.entry);
        logs.push(key);
      }
      const endMs = T + (h + 1) * 3600_000;
      const key = digestFileKey({ account: '111122223333', region: 'us-east-1', trailName: 'main', homeRegion: 'us-east-1', endMs });
      const d = buildDigest({ account: '111122223333', bucket: 'logs', key, startMs: endMs - 3600_000, endMs, fingerprint, privateKey, ...(previous ? { previous } : {}), logFiles: entries });
      await sink.put('logs', key, d.body, d.metadata);
      previous = d.link;
      digests.push(key);
    }
    return { sink, newest: { bucket: 'logs', key: digests[digests.length - 1]! }, logs, digests };
  }

  it('builds digests in AWS’s format: fields, start digest with null previous fields, signature in metadata', async () => {
    const { sink, digests } = await chain();
    const first = JSON.parse(gunzipSync((await sink.get('logs', digests[0]!))!.body).toString());
    assert.deepEqual(Object.keys(first).sort(), [
      'awsAccountId', 'digestEndTime', 'digestPublicKeyFingerprint', 'digestS3Bucket', 'digestS3Object', 'digestSignatureAlgorithm', 'digestStartTime',
      'logFiles', 'newestEventTime', 'oldestEventTime', 'previousDigestHashAlgorithm', 'previousDigestHashValue', 'previousDigestS3Bucket',
      'previousDigestS3Object', 'previousDigestSignature',
    ]);
    assert.equal(first.digestSignatureAlgorithm, 'SHA256withRSA');
    assert.equal(first.previousDigestSignature, null);
    assert.equal(first.logFiles.length, 2);
    const second = await sink.get('logs', digests[1]!);
    const body = JSON.parse(gunzipSync(second!.body).toString());
    assert.equal(body.logFiles.length, 0);
    assert.equal(body.oldestEventTime, null);
    assert.equal(body.previousDigestS3Object, digests[0]);
    assert.equal(body.previousDigestSignature, (await sink.get('logs', digests[0]!))!.metadata['signature']);
    assert.equal(body.previousDigestHashValue, sha256Hex(gunzipSync((await sink.get('logs', digests[0]!))!.body)));
    assert.equal(second!.metadata['signature-algorithm'], 'SHA256withRSA');
    assert.match(second!.metadata['signature']!, /^[0-9a-f]{512}$/);
  });

  it('validates an intact chain as validate-logs does', async () => {
    const { sink, newest } = await chain();
    const report = await validateChain(sink, newest, keys);
    assert.deepEqual(report, { validDigests: 3, validLogs: 3, problems: [] });
  });

  it('detects a tampered log file', async () => {
    const { sink, newest, logs } = await chain();
    const { gzipSync } = await import('node:zlib');
    await sink.put('logs', logs[1]!, gzipSync('{"Records":[{"eventName":"forged"}]}'), {});
    const report = await validateChain(sink, newest, keys);
    assert.deepEqual(report.problems, [`Log file\ts3://logs/${logs[1]}\tINVALID: hash value doesn't match`]);
    assert.equal(report.validLogs, 2);
  });

  it('detects a deleted log file and a deleted digest', async () => {
    const { sink, newest, logs, digests } = await chain();
    sink.objects.delete(`logs/${logs[2]}`);
    let report = await validateChain(sink, newest, keys);
    assert.deepEqual(report.problems, [`Log file\ts3://logs/${logs[2]}\tINVALID: not found`]);
    sink.objects.delete(`logs/${digests[1]}`);
    report = await validateChain(sink, newest, keys);
    assert.ok(report.problems.includes(`Digest file\ts3://logs/${digests[1]}\tINVALID: not found`));
  });

  it('detects a tampered, moved or re-signed-by-another-key digest', async () => {
    const { sink, newest, digests } = await chain();
    const { gzipSync } = await import('node:zlib');
    const orig = (await sink.get('logs', digests[1]!))!;
    const tampered = JSON.parse(gunzipSync(orig.body).toString());
    tampered.logFiles = [];
    tampered.newestEventTime = '2020-01-01T00:00:00Z';
    await sink.put('logs', digests[1]!, gzipSync(JSON.stringify(tampered)), orig.metadata);
    let report = await validateChain(sink, newest, keys);
    assert.deepEqual(report.problems, [`Digest file\ts3://logs/${digests[1]}\tINVALID: signature verification failed`]);
    // Moved: a valid digest under another key.
    await sink.put('logs', digests[1]!, orig.body, orig.metadata);
    await sink.put('logs', 'elsewhere.json.gz', orig.body, orig.metadata);
    report = await validateChain(sink, { bucket: 'logs', key: 'elsewhere.json.gz' }, keys);
    assert.match(report.problems[0]!, /has been moved from its original location/);
    // An unknown signing key.
    report = await validateChain(sink, newest, new Map());
    assert.match(report.problems[0]!, /public key not found/);
  });
});
