/**
 * Log file integrity validation, the way `aws cloudtrail validate-logs` does it (read in
 * awscli/customizations/cloudtrail/validation.py; not copied): start at the newest digest, walk
 * the chain back through previousDigestS3Bucket/Object; for each digest check that it is where it
 * says it is, that its public key is known (by fingerprint), and its SHA256withRSA signature over
 * the string to sign; then check every log file it lists against its SHA-256 (of the uncompressed
 * content). Additionally each digest's previousDigestSignature and previousDigestHashValue must be
 * those of the digest it points to.
 */
import { createPublicKey, createVerify } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { digestStringToSign, sha256Hex, SIGNATURE_ALGORITHM, type LogFileEntry } from './trail-files.js';

/** Read access to where the files are (S3, or a sink's own storage). */
export interface TrailObjectReader {
  /** undefined when there is no such object. */
  get(bucket: string, key: string): Promise<{ body: Uint8Array; metadata: Readonly<Record<string, string>> } | undefined>;
}

export interface ValidationReport {
  readonly validDigests: number;
  readonly validLogs: number;
  /** One line per problem, in the CLI's words where it has them. */
  readonly problems: string[];
}

const REQUIRED = ['digestPublicKeyFingerprint', 'digestS3Bucket', 'digestS3Object', 'previousDigestSignature', 'digestEndTime', 'digestStartTime'];

interface Digest {
  digestS3Bucket: string;
  digestS3Object: string;
  digestEndTime: string;
  digestPublicKeyFingerprint: string;
  previousDigestS3Bucket: string | null;
  previousDigestS3Object: string | null;
  previousDigestHashValue: string | null;
  previousDigestSignature: string | null;
  logFiles: LogFileEntry[];
}

/**
 * Validates the chain that ends at `newest`. `publicKeys`: fingerprint → DER PKCS#1 public key
 * (ListPublicKeys' Value).
 */
export async function validateChain(
  reader: TrailObjectReader,
  newest: { bucket: string; key: string },
  publicKeys: ReadonlyMap<string, Uint8Array>,
): Promise<ValidationReport> {
  const problems: string[] = [];
  let validDigests = 0;
  let validLogs = 0;
  let at: { bucket: string; key: string } | undefined = newest;
  let expected: { signature: string | null; hash: string | null } | undefined;
  const seen = new Set<string>();
  while (at !== undefined && !seen.has(`${at.bucket}/${at.key}`)) {
    seen.add(`${at.bucket}/${at.key}`);
    const where = `s3://${at.bucket}/${at.key}`;
    const obj = await reader.get(at.bucket, at.key);
    if (obj === undefined) {
      problems.push(`Digest file\t${where}\tINVALID: not found`);
      break;
    }
    let raw: Buffer;
    let d: Digest;
    try {
      raw = gunzipSync(obj.body);
      d = JSON.parse(raw.toString('utf8')) as Digest;
    } catch {
      problems.push(`Digest file\t${where}\tINVALID: invalid format`);
      break;
    }
    const signature = obj.metadata['signature'];
    if (REQUIRED.some((k) => !(k in d)) || signature === undefined || obj.metadata['signature-algorithm'] !== SIGNATURE_ALGORITHM) {
      problems.push(`Digest file\t${where}\tINVALID: invalid format`);
      break;
    }
    const hash = sha256Hex(raw);
    let ok = true;
    if (d.digestS3Bucket !== at.bucket || d.digestS3Object !== at.key) {
      problems.push(`Digest file\t${where}\tINVALID: has been moved from its original location`);
      ok = false;
    }
    const der = publicKeys.get(d.digestPublicKeyFingerprint);
    if (ok && der === undefined) {
      problems.push(`Digest file\t${where}\tINVALID: public key not found for fingerprint ${d.digestPublicKeyFingerprint}`);
      ok = false;
    }
    if (ok) {
      const verifier = createVerify('RSA-SHA256');
      verifier.update(digestStringToSign(d.digestEndTime, d.digestS3Bucket, d.digestS3Object, hash, d.previousDigestSignature));
      const key = createPublicKey({ key: Buffer.from(der!), format: 'der', type: 'pkcs1' });
      if (!/^[0-9a-f]+$/i.test(signature) || !verifier.verify(key, Buffer.from(signature, 'hex'))) {
        problems.push(`Digest file\t${where}\tINVALID: signature verification failed`);
        ok = false;
      }
    }
    if (ok && expected !== undefined && (expected.signature !== signature || expected.hash !== hash)) {
      problems.push(`Digest file\t${where}\tINVALID: does not match the previous-digest fields of the digest after it`);
      ok = false;
    }
    if (!ok) break;
    validDigests++;
    for (const f of d.logFiles) {
      const log = await reader.get(f.s3Bucket, f.s3Object);
      const lw = `s3://${f.s3Bucket}/${f.s3Object}`;
      if (log === undefined) {
        problems.push(`Log file\t${lw}\tINVALID: not found`);
        continue;
      }
      let plain: Buffer;
      try {
        plain = gunzipSync(log.body);
      } catch {
        problems.push(`Log file\t${lw}\tINVALID: invalid format`);
        continue;
      }
      if (sha256Hex(plain) !== f.hashValue) problems.push(`Log file\t${lw}\tINVALID: hash value doesn't match`);
      else validLogs++;
    }
    expected = { signature: d.previousDigestSignature, hash: d.previousDigestHashValue };
    at = d.previousDigestS3Bucket !== null && d.previousDigestS3Object !== null ? { bucket: d.previousDigestS3Bucket, key: d.previousDigestS3Object } : undefined;
  }
  return { validDigests, validLogs, problems };
}
