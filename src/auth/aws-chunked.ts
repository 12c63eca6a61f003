/**
 * Decodes S3's `Content-Encoding: aws-chunked` request bodies (S3 API Reference, "Signature
 * Calculations for the Authorization Header: Transferring Payload in Multiple Chunks" and
 * "Signature calculations for trailing headers"):
 *
 *   STREAMING-AWS4-HMAC-SHA256-PAYLOAD          hex-size;chunk-signature=SIG\r\n DATA \r\n … 0;chunk-signature=SIG\r\n\r\n
 *   STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER  … 0;chunk-signature=SIG\r\n name:value\r\n x-amz-trailer-signature:SIG\r\n\r\n
 *   STREAMING-UNSIGNED-PAYLOAD-TRAILER          hex-size\r\n DATA \r\n … 0\r\n name:value\r\n\r\n
 *
 * Each chunk signature signs "AWS4-HMAC-SHA256-PAYLOAD\n<amzDate>\n<scope>\n<previous
 * signature>\n<SHA-256 of ''>\n<SHA-256 of the chunk>", the chain starting at the request's
 * (seed) signature; the trailer signature signs "AWS4-HMAC-SHA256-TRAILER\n<amzDate>\n<scope>\n
 * <final chunk signature>\n<SHA-256 of the trailer lines 'name:value\n'>". The whole body is in
 * memory (the server reads it up to --max-body-bytes), so this works on one buffer.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { algorithmOfHeader, checksumBase64 } from '../crypto/checksums.js';
import { signingKey, type ParsedAuth } from './sigv4.js';

export const STREAMING_SIGNED = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD';
export const STREAMING_SIGNED_TRAILER = 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
export const STREAMING_UNSIGNED_TRAILER = 'STREAMING-UNSIGNED-PAYLOAD-TRAILER';
const STREAMING_VALUES = new Set([STREAMING_SIGNED, STREAMING_SIGNED_TRAILER, STREAMING_UNSIGNED_TRAILER]);

/** Whether an x-amz-content-sha256 value announces an aws-chunked body this module decodes. */
export const isStreamingPayload = (contentSha256: string | undefined): boolean =>
  contentSha256 !== undefined && STREAMING_VALUES.has(contentSha256);

/** What verifies the chunk signatures: the request's own signature and its signing key. */
export interface ChunkSigning {
  /** The request's (seed) signature, hex. */
  readonly seedSignature: string;
  /** kSigning of the request's credential scope (sigv4.ts `signingKey`). */
  readonly signingKey: Buffer;
  /** X-Amz-Date, yyyyMMdd'T'HHmmss'Z'. */
  readonly amzDate: string;
  /** date/region/service/aws4_request. */
  readonly scope: string;
}

/** The signing inputs of a request SigV4 already verified (the caller holds its secret key). */
export function chunkSigning(auth: ParsedAuth, secretAccessKey: string): ChunkSigning {
  const c = auth.credential;
  return { seedSignature: auth.signature, signingKey: signingKey(secretAccessKey, c.date, c.region, c.service), amzDate: auth.amzDate, scope: auth.scope };
}

export interface AwsChunkedOptions {
  /** The x-amz-content-sha256 header: one of the three STREAMING-… values. */
  readonly contentSha256: string;
  /** The x-amz-decoded-content-length header, as sent. */
  readonly decodedContentLength: string | undefined;
  /** The x-amz-trailer header, as sent: the trailer must carry exactly these names. */
  readonly declaredTrailer?: string | undefined;
  /**
   * Required for the two signed variants, unless `unverifiedSignatures` says the request's own
   * signature could not be checked either (development profile, key unknown to Warden).
   */
  readonly signing?: ChunkSigning;
  readonly unverifiedSignatures?: boolean;
}

export type AwsChunkedErrorKind =
  | 'SignatureDoesNotMatch' | 'IncompleteBody' | 'InvalidChunkSizeError' | 'MalformedTrailerError'
  | 'BadDigest' | 'MissingContentLength' | 'InvalidRequest' | 'InvalidArgument';

/** An S3 error to answer with: `kind` is S3's code; `status` and `message` are S3's as far as known. */
export interface AwsChunkedError {
  readonly ok: false;
  readonly kind: AwsChunkedErrorKind;
  readonly status: number;
  readonly message: string;
}

export interface AwsChunkedBody {
  readonly ok: true;
  readonly payload: Buffer;
  /** Trailing headers by lowercase name (x-amz-trailer-signature excluded). */
  readonly trailers: Readonly<Record<string, string>>;
}

/** Smallest chunk a signed upload may send, but for the last data chunk. */
export const MIN_SIGNED_CHUNK = 8192;
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const CRLF = Buffer.from('\r\n');
/** A chunk-size line is a hex size plus one 81-character signature extension; allow slack, refuse garbage early. */
const MAX_LINE = 4096;

// S3's texts: SignatureDoesNotMatch, IncompleteBody and MissingContentLength are from the S3 API
// Reference's error code list; the others are marked where not confirmed.
const SIGNATURE_MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
const INCOMPLETE = 'You did not provide the number of bytes specified by the Content-Length HTTP header.';
// unverified: MalformedTrailerError's text (S3 error code list).
const TRAILER_MALFORMED = 'The request contained trailing data that was not well-formed or did not conform to our published schema.';
const fail = (kind: AwsChunkedErrorKind, status: number, message: string): AwsChunkedError => ({ ok: false, kind, status, message });
const incomplete = (): AwsChunkedError => fail('IncompleteBody', 400, INCOMPLETE);
// unverified: S3's message for a framing error inside an aws-chunked body.
const malformed = (what: string): AwsChunkedError => fail('InvalidArgument', 400, `The aws-chunked body is malformed: ${what}.`);

const sha256hex = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');
const hmacHex = (key: Buffer, data: string): string => createHmac('sha256', key).update(data).digest('hex');
function sameHex(expected: string, given: string): boolean {
  return /^[0-9a-f]{64}$/.test(given) && timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}

/** The signature of one chunk (exported for tests and for signing test bodies). */
export function chunkSignature(s: Omit<ChunkSigning, 'seedSignature'>, previous: string, chunk: Uint8Array): string {
  return hmacHex(s.signingKey, `AWS4-HMAC-SHA256-PAYLOAD\n${s.amzDate}\n${s.scope}\n${previous}\n${EMPTY_SHA256}\n${sha256hex(chunk)}`);
}

/** The trailer signature over `name:value\n` lines (names lowercase, in the order sent). */
export function trailerSignature(s: Omit<ChunkSigning, 'seedSignature'>, previous: string, trailers: readonly (readonly [string, string])[]): string {
  const canonical = trailers.map(([n, v]) => `${n}:${v}\n`).join('');
  return hmacHex(s.signingKey, `AWS4-HMAC-SHA256-TRAILER\n${s.amzDate}\n${s.scope}\n${previous}\n${sha256hex(canonical)}`);
}

/** Reads one CRLF-terminated line from `pos`; undefined when the body ends first. */
function line(body: Buffer, pos: number): { text: string; next: number } | undefined {
  const end = body.indexOf(CRLF, pos);
  if (end === -1 || end - pos > MAX_LINE) return undefined;
  return { text: body.toString('latin1', pos, end), next: end + 2 };
}

/** Decodes and checks an aws-chunked body: signatures, sizes, trailer and its checksum. */
export function decodeAwsChunked(body: Buffer, opts: AwsChunkedOptions): AwsChunkedBody | AwsChunkedError {
  const signed = opts.contentSha256 === STREAMING_SIGNED || opts.contentSha256 === STREAMING_SIGNED_TRAILER;
  const withTrailer = opts.contentSha256 !== STREAMING_SIGNED;
  // unverified: the status and text S3 gives for an x-amz-content-sha256 it does not accept here.
  if (!isStreamingPayload(opts.contentSha256)) return fail('InvalidRequest', 400, `x-amz-content-sha256 '${opts.contentSha256}' is not an aws-chunked payload.`);
  if (signed && opts.signing === undefined && opts.unverifiedSignatures !== true) throw new Error('decodeAwsChunked: signed payloads need opts.signing');
  const checkSignatures = signed && opts.signing !== undefined;
  // unverified: S3 answers a chunked upload without x-amz-decoded-content-length with MissingContentLength.
  if (opts.decodedContentLength === undefined || !/^\d+$/.test(opts.decodedContentLength.trim())) {
    return fail('MissingContentLength', 411, 'You must provide the Content-Length HTTP header.');
  }
  const declaredLength = Number(opts.decodedContentLength.trim());

  const parts: Buffer[] = [];
  let total = 0;
  let pos = 0;
  let previous = opts.signing?.seedSignature ?? '';
  let lastDataChunk = -1; // size of the previous data chunk, to enforce the minimum on all but the last
  for (;;) {
    const header = line(body, pos);
    if (header === undefined) return body.indexOf(CRLF, pos) === -1 ? incomplete() : malformed('a chunk header line is too long');
    const semi = header.text.indexOf(';');
    const sizeText = (semi === -1 ? header.text : header.text.slice(0, semi)).trim();
    // unverified: InvalidChunkSizeError for a size that is not hex.
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) return fail('InvalidChunkSizeError', 403, 'Only the last chunk is allowed to have a size less than 8192 bytes');
    const size = parseInt(sizeText, 16);
    let signature: string | undefined;
    if (semi !== -1) {
      for (const ext of header.text.slice(semi + 1).split(';')) {
        const eq = ext.indexOf('=');
        if (eq !== -1 && ext.slice(0, eq).trim() === 'chunk-signature') signature = ext.slice(eq + 1).trim();
      }
    }
    if (signed && signature === undefined) return fail('SignatureDoesNotMatch', 403, SIGNATURE_MISMATCH);
    const dataEnd = header.next + size;
    if (size > 0) {
      if (dataEnd + 2 > body.length) return incomplete();
      if (body[dataEnd] !== 0x0d || body[dataEnd + 1] !== 0x0a) return malformed('a chunk is not followed by CRLF');
    }
    const chunk = body.subarray(header.next, dataEnd);
    if (checkSignatures) {
      const expected = chunkSignature(opts.signing!, previous, chunk);
      if (!sameHex(expected, signature!)) return fail('SignatureDoesNotMatch', 403, SIGNATURE_MISMATCH);
      previous = signature!;
      // unverified: S3's code and text for a signed chunk under 8 KiB that is not the last (AWS's
      // chunked-upload page requires at least 8 KB; SDKs sending unsigned chunks use any size).
      if (size > 0 && lastDataChunk !== -1 && lastDataChunk < MIN_SIGNED_CHUNK) {
        return fail('InvalidChunkSizeError', 403, 'Only the last chunk is allowed to have a size less than 8192 bytes');
      }
    }
    if (size === 0) {
      pos = header.next;
      break;
    }
    lastDataChunk = size;
    parts.push(chunk);
    total += size;
    if (total > declaredLength) return incomplete(); // unverified: S3's answer to more bytes than declared
    pos = dataEnd + 2;
  }
  if (total !== declaredLength) return incomplete();

  const trailers: [string, string][] = [];
  let trailerSig: string | undefined;
  for (;;) {
    const l = line(body, pos);
    if (l === undefined) {
      // The final CRLF may be missing at the very end when there is no trailer.
      if (pos === body.length && !withTrailer) break;
      return withTrailer ? fail('MalformedTrailerError', 400, TRAILER_MALFORMED) : incomplete();
    }
    pos = l.next;
    if (l.text === '') break;
    if (!withTrailer) return malformed('data after the final chunk');
    const colon = l.text.indexOf(':');
    if (colon <= 0) return fail('MalformedTrailerError', 400, TRAILER_MALFORMED);
    const name = l.text.slice(0, colon).trim().toLowerCase();
    const value = l.text.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') trailerSig = value;
    else trailers.push([name, value]);
  }
  if (pos !== body.length) return malformed('data after the end of the body');

  if (opts.contentSha256 === STREAMING_SIGNED_TRAILER && checkSignatures) {
    if (trailerSig === undefined || !sameHex(trailerSignature(opts.signing!, previous, trailers), trailerSig)) {
      return fail('SignatureDoesNotMatch', 403, SIGNATURE_MISMATCH);
    }
  }
  const payload = parts.length === 1 ? parts[0]! : Buffer.concat(parts, total);
  const map: Record<string, string> = {};
  for (const [n, v] of trailers) {
    if (n in map) return fail('MalformedTrailerError', 400, TRAILER_MALFORMED);
    map[n] = v;
  }
  if (opts.declaredTrailer !== undefined) {
    const declared = opts.declaredTrailer.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '').sort();
    if (declared.join(',') !== Object.keys(map).sort().join(',')) return fail('MalformedTrailerError', 400, TRAILER_MALFORMED);
  }
  for (const [n, v] of Object.entries(map)) {
    const algorithm = algorithmOfHeader(n);
    if (algorithm === undefined) continue;
    // unverified: S3's wording for a flexible-checksum mismatch.
    if (checksumBase64(algorithm, payload) !== v) return fail('BadDigest', 400, `The ${algorithm} you specified did not match the calculated checksum.`);
  }
  return { ok: true, payload, trailers: map };
}
