/**
 * CloudTrail's files in S3, as AWS writes them: log files (gzipped `{"Records":[…]}`) and signed
 * digest files chained hour to hour, with their key layout. Pure: no store, no S3.
 *
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-find-log-files.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-digest-file-structure.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-custom-validation.html
 */
import { createHash, createSign, randomInt, type KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `YYYY/MM/DD` of a UTC time. */
const ymd = (d: Date): string => `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())}`;
const compact = (d: Date, seconds: boolean): string =>
  `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${seconds ? pad(d.getUTCSeconds()) : ''}Z`;
const withPrefix = (prefix: string | undefined, key: string): string => (prefix ? `${prefix}/${key}` : key);
/** CloudTrail's time form in records and digests: UTC, second precision. */
import { isoSeconds } from '../core/clock.js';
export { isoSeconds };

export function randomSuffix(length = 16): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALNUM[randomInt(ALNUM.length)];
  return s;
}

/**
 * `[prefix/]AWSLogs/<acct>/CloudTrail/<region>/YYYY/MM/DD/<acct>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<16 chars>.json.gz`
 * (the time is the delivery time, minute precision).
 */
export function logFileKey(p: { prefix?: string; account: string; region: string; timeMs: number; suffix?: string }): string {
  const d = new Date(p.timeMs);
  const name = `${p.account}_CloudTrail_${p.region}_${compact(d, false)}_${p.suffix ?? randomSuffix()}.json.gz`;
  return withPrefix(p.prefix, `AWSLogs/${p.account}/CloudTrail/${p.region}/${ymd(d)}/${name}`);
}

/**
 * `[prefix/]AWSLogs/<acct>/CloudTrail-Insight/<region>/YYYY/MM/DD/<acct>_CloudTrail-Insight_<region>_<YYYYMMDDTHHmmZ>_<16 chars>.json.gz`:
 * a log file of Insights events, in the layout of log files under the CloudTrail-Insight folder
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/view-insights-events.html).
 */
export function insightFileKey(p: { prefix?: string; account: string; region: string; timeMs: number; suffix?: string }): string {
  const d = new Date(p.timeMs);
  const name = `${p.account}_CloudTrail-Insight_${p.region}_${compact(d, false)}_${p.suffix ?? randomSuffix()}.json.gz`;
  return withPrefix(p.prefix, `AWSLogs/${p.account}/CloudTrail-Insight/${p.region}/${ymd(d)}/${name}`);
}

/**
 * `[prefix/]AWSLogs/<acct>/CloudTrail-Digest/<region>/YYYY/MM/DD/<acct>_CloudTrail-Digest_<region>_<trail>_<home region>_<YYYYMMDDTHHmmssZ>.json.gz`
 * (the layout `aws cloudtrail validate-logs` lists and parses; the time is the digest end).
 */
export function digestFileKey(p: { prefix?: string; account: string; region: string; trailName: string; homeRegion: string; endMs: number }): string {
  const d = new Date(p.endMs);
  const name = `${p.account}_CloudTrail-Digest_${p.region}_${p.trailName}_${p.homeRegion}_${compact(d, true)}.json.gz`;
  return withPrefix(p.prefix, `AWSLogs/${p.account}/CloudTrail-Digest/${p.region}/${ymd(d)}/${name}`);
}

export const sha256Hex = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

/** What a digest records of one delivered log file. */
export interface LogFileEntry {
  readonly s3Bucket: string;
  readonly s3Object: string;
  /** SHA-256 of the uncompressed file, hex. */
  readonly hashValue: string;
  readonly hashAlgorithm: 'SHA-256';
  readonly newestEventTime: string;
  readonly oldestEventTime: string;
}

/** A log file: the records given (already JSON strings), gzipped, and its digest entry. */
export function buildLogFile(bucket: string, key: string, recordsJson: readonly string[], eventTimes: readonly string[]): { body: Buffer; entry: LogFileEntry } {
  const plain = `{"Records":[${recordsJson.join(',')}]}`;
  const sorted = [...eventTimes].sort();
  return {
    body: gzipSync(plain),
    entry: {
      s3Bucket: bucket,
      s3Object: key,
      hashValue: sha256Hex(plain),
      hashAlgorithm: 'SHA-256',
      newestEventTime: sorted[sorted.length - 1] ?? '',
      oldestEventTime: sorted[0] ?? '',
    },
  };
}

/** The previous digest, as the next one chains to it. */
export interface DigestLink {
  readonly bucket: string;
  readonly key: string;
  /** SHA-256 of the previous digest's uncompressed content, hex. */
  readonly hashValue: string;
  /** Its signature, hex. */
  readonly signature: string;
}

export interface DigestInput {
  readonly account: string;
  readonly bucket: string;
  readonly key: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly fingerprint: string;
  readonly privateKey: KeyObject;
  readonly previous?: DigestLink;
  readonly logFiles: readonly LogFileEntry[];
}

export const SIGNATURE_ALGORITHM = 'SHA256withRSA';

/**
 * The string a digest's signature covers (custom-validation page; awscli's validator builds the
 * same): end time, bucket/key, SHA-256 of the uncompressed digest, previous signature or `null`.
 */
export function digestStringToSign(endTime: string, bucket: string, key: string, digestHashHex: string, previousSignature: string | null): string {
  return `${endTime}\n${bucket}/${key}\n${digestHashHex}\n${previousSignature ?? 'null'}`;
}

/** A signed digest: the gzipped body, its S3 metadata (signature), and the link the next one needs. */
export function buildDigest(d: DigestInput): { body: Buffer; metadata: Record<string, string>; link: DigestLink; json: string } {
  const times = d.logFiles.flatMap((f) => [f.oldestEventTime, f.newestEventTime]).filter((t) => t !== '').sort();
  const digest = {
    awsAccountId: d.account,
    digestStartTime: isoSeconds(d.startMs),
    digestEndTime: isoSeconds(d.endMs),
    digestS3Bucket: d.bucket,
    digestS3Object: d.key,
    digestPublicKeyFingerprint: d.fingerprint,
    digestSignatureAlgorithm: SIGNATURE_ALGORITHM,
    newestEventTime: times.length > 0 ? times[times.length - 1]! : null,
    oldestEventTime: times.length > 0 ? times[0]! : null,
    previousDigestS3Bucket: d.previous?.bucket ?? null,
    previousDigestS3Object: d.previous?.key ?? null,
    previousDigestHashValue: d.previous?.hashValue ?? null,
    previousDigestHashAlgorithm: d.previous !== undefined ? 'SHA-256' : null,
    previousDigestSignature: d.previous?.signature ?? null,
    logFiles: d.logFiles,
  };
  const json = JSON.stringify(digest);
  const hash = sha256Hex(json);
  const signer = createSign('RSA-SHA256');
  signer.update(digestStringToSign(digest.digestEndTime, d.bucket, d.key, hash, d.previous?.signature ?? null));
  const signature = signer.sign(d.privateKey).toString('hex');
  return {
    body: gzipSync(json),
    metadata: { signature, 'signature-algorithm': SIGNATURE_ALGORITHM },
    link: { bucket: d.bucket, key: d.key, hashValue: hash, signature },
    json,
  };
}
