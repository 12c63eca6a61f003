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
 * <final chunk signature>\n<SHA-256 of the trailer lines 'name:value\n'>". `AwsChunkedDecoder`
 * decodes a body as it arrives (S3 object uploads are streamed); `decodeAwsChunked` a whole one.
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
  return chunkSignatureOfHash(s, previous, sha256hex(chunk));
}

/** The trailer signature over `name:value\n` lines (names lowercase, in the order sent). */
export function trailerSignature(s: Omit<ChunkSigning, 'seedSignature'>, previous: string, trailers: readonly (readonly [string, string])[]): string {
  const canonical = trailers.map(([n, v]) => `${n}:${v}\n`).join('');
  return hmacHex(s.signingKey, `AWS4-HMAC-SHA256-TRAILER\n${s.amzDate}\n${s.scope}\n${previous}\n${sha256hex(canonical)}`);
}

type Hash = ReturnType<typeof createHash>;

/** The signature of one chunk from the SHA-256 (hex) of its data, for a chunk hashed as it arrives. */
export function chunkSignatureOfHash(s: Omit<ChunkSigning, 'seedSignature'>, previous: string, chunkSha256: string): string {
  return hmacHex(s.signingKey, `AWS4-HMAC-SHA256-PAYLOAD\n${s.amzDate}\n${s.scope}\n${previous}\n${EMPTY_SHA256}\n${chunkSha256}`);
}

/**
 * Decodes an aws-chunked body as it arrives: `push` each piece received (it returns the payload
 * bytes it could decode, or the S3 error), then `end` once the body is complete. A chunk's data
 * is handed out as it arrives and its signature checked when the chunk ends, so a caller must
 * not commit anything before `end` succeeds. Trailer checksums are not verified here (the
 * payload is not kept): `decodeAwsChunked` does it for a whole body, a streaming caller hashes
 * as it goes.
 */
export class AwsChunkedDecoder {
  readonly declaredLength: number;
  private readonly signed: boolean;
  private readonly withTrailer: boolean;
  private readonly checkSignatures: boolean;
  private buf: Buffer = Buffer.alloc(0);
  private state: 'header' | 'data' | 'data-end' | 'trailer' | 'done' | 'failed' = 'header';
  private previous: string;
  private lastDataChunk = -1; // size of the previous data chunk, to enforce the minimum on all but the last
  private size = 0;
  private remaining = 0;
  private signature: string | undefined;
  private hash: Hash | undefined;
  private total = 0;
  private readonly trailerLines: [string, string][] = [];
  private trailerSig: string | undefined;

  private constructor(private readonly opts: AwsChunkedOptions, declaredLength: number) {
    this.declaredLength = declaredLength;
    this.signed = opts.contentSha256 === STREAMING_SIGNED || opts.contentSha256 === STREAMING_SIGNED_TRAILER;
    this.withTrailer = opts.contentSha256 !== STREAMING_SIGNED;
    this.checkSignatures = this.signed && opts.signing !== undefined;
    this.previous = opts.signing?.seedSignature ?? '';
  }

  /** A decoder for a request with these headers, or the error S3 answers before reading the body. */
  static create(opts: AwsChunkedOptions): AwsChunkedDecoder | AwsChunkedError {
    const signed = opts.contentSha256 === STREAMING_SIGNED || opts.contentSha256 === STREAMING_SIGNED_TRAILER;
    // unverified: the status and text S3 gives for an x-amz-content-sha256 it does not accept here.
    if (!isStreamingPayload(opts.contentSha256)) return fail('InvalidRequest', 400, `x-amz-content-sha256 '${opts.contentSha256}' is not an aws-chunked payload.`);
    if (signed && opts.signing === undefined && opts.unverifiedSignatures !== true) throw new Error('AwsChunkedDecoder: signed payloads need opts.signing');
    // unverified: S3 answers a chunked upload without x-amz-decoded-content-length with MissingContentLength.
    if (opts.decodedContentLength === undefined || !/^\d+$/.test(opts.decodedContentLength.trim())) {
      return fail('MissingContentLength', 411, 'You must provide the Content-Length HTTP header.');
    }
    return new AwsChunkedDecoder(opts, Number(opts.decodedContentLength.trim()));
  }

  private failed(e: AwsChunkedError): AwsChunkedError {
    this.state = 'failed';
    this.buf = Buffer.alloc(0);
    return e;
  }

  /** Takes the next CRLF-terminated line, undefined when it has not fully arrived; 'long' when it cannot be a line. */
  private line(): string | undefined | 'long' {
    const end = this.buf.indexOf(CRLF);
    if (end === -1) return this.buf.length > MAX_LINE ? 'long' : undefined;
    if (end > MAX_LINE) return 'long';
    const text = this.buf.toString('latin1', 0, end);
    this.buf = this.buf.subarray(end + 2);
    return text;
  }

  /** Decodes what `data` completes; returns the payload bytes in order. */
  push(data: Uint8Array): Buffer[] | AwsChunkedError {
    if (this.state === 'failed') return fail('InvalidRequest', 400, 'the body already failed to decode');
    const incoming = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    this.buf = this.buf.length === 0 ? incoming : Buffer.concat([this.buf, incoming]);
    const out: Buffer[] = [];
    for (;;) {
      switch (this.state) {
        case 'header': {
          const text = this.line();
          if (text === undefined) return out;
          if (text === 'long') return this.failed(malformed('a chunk header line is too long'));
          const semi = text.indexOf(';');
          const sizeText = (semi === -1 ? text : text.slice(0, semi)).trim();
          // unverified: InvalidChunkSizeError for a size that is not hex.
          if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) return this.failed(fail('InvalidChunkSizeError', 403, 'Only the last chunk is allowed to have a size less than 8192 bytes'));
          this.size = parseInt(sizeText, 16);
          this.signature = undefined;
          if (semi !== -1) {
            for (const ext of text.slice(semi + 1).split(';')) {
              const eq = ext.indexOf('=');
              if (eq !== -1 && ext.slice(0, eq).trim() === 'chunk-signature') this.signature = ext.slice(eq + 1).trim();
            }
          }
          if (this.signed && this.signature === undefined) return this.failed(fail('SignatureDoesNotMatch', 403, SIGNATURE_MISMATCH));
          if (this.size === 0) {
            const problem = this.chunkDone(EMPTY_SHA256);
            if (problem !== undefined) return this.failed(problem);
            if (this.total !== this.declaredLength) return this.failed(incomplete());
            this.state = 'trailer';
            break;
          }
          if (this.total + this.size > this.declaredLength) return this.failed(incomplete()); // unverified: S3's answer to more bytes than declared
          this.remaining = this.size;
          this.hash = this.checkSignatures ? createHash('sha256') : undefined;
          this.state = 'data';
          break;
        }
        case 'data': {
          if (this.buf.length === 0) return out;
          const piece = this.buf.subarray(0, Math.min(this.remaining, this.buf.length));
          this.buf = this.buf.subarray(piece.length);
          this.hash?.update(piece);
          this.remaining -= piece.length;
          this.total += piece.length;
          out.push(piece);
          if (this.remaining === 0) this.state = 'data-end';
          break;
        }
        case 'data-end': {
          if (this.buf.length < 2) return out;
          if (this.buf[0] !== 0x0d || this.buf[1] !== 0x0a) return this.failed(malformed('a chunk is not followed by CRLF'));
          this.buf = this.buf.subarray(2);
          const problem = this.chunkDone(this.hash?.digest('hex') ?? '');
          if (problem !== undefined) return this.failed(problem);
          this.lastDataChunk = this.size;
          this.state = 'header';
          break;
        }
        case 'trailer': {
          const text = this.line();
          if (text === undefined) return out;
          if (text === 'long') return this.failed(this.withTrailer ? fail('MalformedTrailerError', 400, TRAILER_MALFORMED) : incomplete());
          if (text === '') {
            this.state = 'done';
            break;
          }
          if (!this.withTrailer) return this.failed(malformed('data after the final chunk'));
          const colon = text.indexOf(':');
          if (colon <= 0) return this.failed(fail('MalformedTrailerError', 400, TRAILER_MALFORMED));
          const name = text.slice(0, colon).trim().toLowerCase();
          const value = text.slice(colon + 1).trim();
          if (name === 'x-amz-trailer-signature') this.trailerSig = value;
          else this.trailerLines.push([name, value]);
          break;
        }
        case 'done':
          if (this.buf.length > 0) return this.failed(malformed('data after the end of the body'));
          return out;
      }
    }
  }

  /** A chunk's data is complete: its signature, and the minimum size of the chunk before it. */
  private chunkDone(sha256: string): AwsChunkedError | undefined {
    if (!this.checkSignatures) return undefined;
    const expected = chunkSignatureOfHash(this.opts.signing!, this.previous, sha256);
    if (!sameHex(expected, this.signature!)) return fail('SignatureDoesNotMatch', 403, SIGNATURE_MISMATCH);
    this.previous = this.signature!;
    // unverified: S3's code and text for a signed chunk under 8 KiB that is not the last (AWS's
    // chunked-upload page requires at least 8 KB; SDKs sending unsigned chunks use any size).
    if (this.size > 0 && this.lastDataChunk !== -1 && this.lastDataChunk < MIN_SIGNED_CHUNK) {
      return fail('InvalidChunkSizeError', 403, 'Only the last chunk is allowed to have a size less than 8192 bytes');
    }
    return undefined;
  }

  /** The body is complete: checks its end, the trailer and its signature; returns the trailing headers. */
  end(): { readonly trailers: Readonly<Record<string, string>> } | AwsChunkedError {
    switch (this.state) {
      case 'failed':
        return fail('InvalidRequest', 400, 'the body already failed to decode');
      case 'header':
      case 'data':
      case 'data-end':
        return this.failed(incomplete());
      case 'trailer':
        // The final CRLF may be missing at the very end when there is no trailer.
        if (this.buf.length === 0 && !this.withTrailer) break;
        return this.failed(this.withTrailer ? fail('MalformedTrailerError', 400, TRAILER_MALFORMED) : incomplete());
      case 'done':
        break;
    }
    if (this.opts.contentSha256 === STREAMING_SIGNED_TRAILER && this.checkSignatures) {
      if (this.trailerSig === undefined || !sameHex(trailerSignature(this.opts.signing!, this.previous, this.trailerLines), this.trailerSig)) {
        return this.failed(fail('SignatureDoesNotMatch', 403, SIGNATURE_MISMATCH));
      }
    }
    const map: Record<string, string> = {};
    for (const [n, v] of this.trailerLines) {
      if (n in map) return this.failed(fail('MalformedTrailerError', 400, TRAILER_MALFORMED));
      map[n] = v;
    }
    if (this.opts.declaredTrailer !== undefined) {
      const declared = this.opts.declaredTrailer.split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '').sort();
      if (declared.join(',') !== Object.keys(map).sort().join(',')) return this.failed(fail('MalformedTrailerError', 400, TRAILER_MALFORMED));
    }
    return { trailers: map };
  }
}

/** Decodes and checks a whole aws-chunked body: signatures, sizes, trailer and its checksum. */
export function decodeAwsChunked(body: Buffer, opts: AwsChunkedOptions): AwsChunkedBody | AwsChunkedError {
  const decoder = AwsChunkedDecoder.create(opts);
  if (!(decoder instanceof AwsChunkedDecoder)) return decoder;
  const parts = decoder.push(body);
  if (!Array.isArray(parts)) return parts;
  const end = decoder.end();
  if ('ok' in end) return end;
  const payload = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  for (const [n, v] of Object.entries(end.trailers)) {
    const algorithm = algorithmOfHeader(n);
    if (algorithm === undefined) continue;
    // unverified: S3's wording for a flexible-checksum mismatch.
    if (checksumBase64(algorithm, payload) !== v) return fail('BadDigest', 400, `The ${algorithm} you specified did not match the calculated checksum.`);
  }
  return { ok: true, payload, trailers: end.trailers };
}
