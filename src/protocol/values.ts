/**
 * Scalar wire forms shared by the codecs: base64 blobs and the three timestamp formats.
 */

// ---- base64 ---------------------------------------------------------------------------------

const B64 = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/**
 * Why `s` is not canonical standard base64 (RFC 4648 §4, padded), in the words of AWS's Coral
 * JSON framework, or undefined when it is. Texts as recorded against real Kinesis by kinesalite
 * (github.com/mhart/kinesalite test/helpers.js `assertType` 'Blob'), including Coral's typo
 * "dectected"; KMS and Secrets Manager run on the same framework. // unverified for KMS itself
 */
export function base64Problem(s: string): string | undefined {
  const n = s.length;
  if (n % 4 !== 0) return `Base64 encoded length is expected a multiple of 4 bytes but found: ${n}`;
  let pad = 0;
  if (n > 0 && s.charCodeAt(n - 1) === 61) pad = s.charCodeAt(n - 2) === 61 ? 2 : 1;
  for (let i = 0; i < n - pad; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || B64[c] === -1) return `Invalid Base64 character: '${s[i]}'`;
  }
  if (pad > 0) {
    const last = B64[s.charCodeAt(n - pad - 1)] ?? 0;
    if ((pad === 2 ? last & 0x0f : last & 0x03) !== 0) return 'Invalid last non-pad Base64 character dectected';
  }
  return undefined;
}

/** Decodes base64 already checked by base64Problem. The result owns its whole ArrayBuffer. */
export function decodeBase64(s: string): Uint8Array {
  const b = Buffer.from(s, 'base64');
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? new Uint8Array(b.buffer) : new Uint8Array(b);
}

/** A blob for the wire: bytes as given, a string as its UTF-8 bytes. */
export function encodeBase64(v: unknown): string {
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
  return Buffer.from(String(v), 'utf8').toString('base64');
}

// ---- timestamps -----------------------------------------------------------------------------

export type TimestampFormat = 'iso8601' | 'rfc822' | 'unixTimestamp';

/** A handler's timestamp as a Date: a Date, epoch seconds, or a string Date.parse reads. */
export function toDate(v: unknown): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'number') return new Date(v * 1000);
  return new Date(String(v));
}

/**
 * ISO 8601 UTC with milliseconds when there are any: `2011-07-15T23:28:33.359Z` (STS's documented
 * AssumeRole sample) or `2014-04-09T19:11:35Z` (IAM's documented samples). Both are what botocore's
 * parser and the SDK v3 RFC 3339 parser accept.
 */
export function formatIso8601(d: Date): string {
  const s = d.toISOString();
  return s.endsWith('.000Z') ? s.slice(0, -5) + 'Z' : s;
}

export function formatTimestamp(v: unknown, format: TimestampFormat): string | number {
  const d = toDate(v);
  switch (format) {
    case 'unixTimestamp':
      return d.getTime() / 1000;
    case 'rfc822':
      return d.toUTCString();
    case 'iso8601':
      return formatIso8601(d);
  }
}

// RFC 3339 date-time (what botocore and the SDKs send for iso8601 timestamps).
const ISO8601 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)$/i;

/** Parses a timestamp string in `format`, or undefined. Epoch seconds may be fractional. */
export function parseTimestamp(s: string, format: TimestampFormat): Date | undefined {
  let ms: number;
  if (format === 'unixTimestamp') ms = /^-?\d+(?:\.\d+)?$/.test(s) ? Number(s) * 1000 : NaN;
  else if (format === 'iso8601') ms = ISO8601.test(s) ? Date.parse(s) : NaN;
  else ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
