/**
 * S3's payload signing (S3 API Reference, sig-v4-header-based-auth and sigv4-streaming): the
 * payload hash line of the canonical request is the `x-amz-content-sha256` header, which S3
 * requires on header-authenticated requests and checks against the body it received; presigned
 * URLs sign UNSIGNED-PAYLOAD. `aws-chunked` streaming bodies (STREAMING-…) are signed with that
 * value and decoded after the signature holds (`s3StreamingBody`).
 */
import { createHash } from 'node:crypto';
import { ProtocolError, WardenBug } from '../core/errors.js';
import type { RequestBodyStream } from '../core/operation.js';
import type { HttpRequest } from '../protocol/codec.js';
import { AwsChunkedDecoder, chunkSigning, decodeAwsChunked, isStreamingPayload, type AwsChunkedOptions } from './aws-chunked.js';
import type { ParsedAuth, SignedRequest } from './sigv4.js';

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html (the accepted values).
const BAD_VALUE =
  'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.'; // unverified wording

/** The payload-hash line to verify the signature with, or the error S3 answers. */
export function s3PayloadHash(req: SignedRequest, auth: ParsedAuth): { payloadHash?: string; streaming?: true } | ProtocolError {
  const encoding = first(req.headers['content-encoding']) ?? '';
  const declared = first(req.headers['x-amz-content-sha256']);
  if (declared !== undefined && isStreamingPayload(declared)) return { payloadHash: declared, streaming: true };
  if (/(^|,)\s*aws-chunked\s*(,|$)/i.test(encoding)) {
    // unverified: S3's answer to an aws-chunked body whose x-amz-content-sha256 is not STREAMING-….
    return new ProtocolError('InvalidArgument', BAD_VALUE, 400, { ArgumentName: 'x-amz-content-sha256', ArgumentValue: declared ?? '' });
  }
  if (auth.presigned) return declared === undefined ? {} : { payloadHash: declared };
  if (declared === undefined) {
    // unverified message
    return new ProtocolError('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256', 400);
  }
  if (declared === 'UNSIGNED-PAYLOAD') return { payloadHash: declared };
  if (!/^[0-9a-f]{64}$/.test(declared)) return new ProtocolError('InvalidArgument', BAD_VALUE, 400, { ArgumentName: 'x-amz-content-sha256', ArgumentValue: declared });
  return { payloadHash: declared };
}

/** After the signature holds: the body must hash to the signed value (XAmzContentSHA256Mismatch). */
export function s3PayloadMismatch(req: SignedRequest, payloadHash: string | undefined): ProtocolError | null {
  if (payloadHash === undefined || !/^[0-9a-f]{64}$/.test(payloadHash)) return null;
  return payloadHashMismatch(payloadHash, createHash('sha256').update(req.body).digest('hex'));
}

function payloadHashMismatch(payloadHash: string, actual: string): ProtocolError | null {
  if (actual === payloadHash) return null;
  return new ProtocolError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400, {
    ClientComputedContentSHA256: payloadHash,
    S3ComputedContentSHA256: actual,
  });
}

/**
 * An aws-chunked request as S3 sees it once decoded: the payload as body, its decoded length as
 * Content-Length, `aws-chunked` gone from Content-Encoding and the trailer's checksum headers
 * (x-amz-checksum-*) among the headers, where the operation reads them.
 */
export function s3StreamingBody(req: HttpRequest, auth: ParsedAuth, secretAccessKey: string | undefined): HttpRequest | ProtocolError {
  const decoded = decodeAwsChunked(Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength), chunkedOptions(req, auth, secretAccessKey));
  if (!decoded.ok) return new ProtocolError(decoded.kind, decoded.message, decoded.status);
  return { ...decodedHeaders(req, decoded.trailers, decoded.payload.length), body: decoded.payload };
}

function chunkedOptions(req: HttpRequest, auth: ParsedAuth | undefined, secretAccessKey: string | undefined): AwsChunkedOptions {
  return {
    contentSha256: first(req.headers['x-amz-content-sha256'])!,
    decodedContentLength: first(req.headers['x-amz-decoded-content-length']),
    declaredTrailer: first(req.headers['x-amz-trailer']),
    ...(auth !== undefined && secretAccessKey !== undefined ? { signing: chunkSigning(auth, secretAccessKey) } : { unverifiedSignatures: true }),
  };
}

/** The request as the operation reads it: the decoded length, `aws-chunked` gone, the trailing headers added. */
function decodedHeaders(req: HttpRequest, trailers: Readonly<Record<string, string>>, length: number): HttpRequest {
  const headers: Record<string, string | string[] | undefined> = { ...req.headers, ...trailers, 'content-length': String(length) };
  const encoding = (first(req.headers['content-encoding']) ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e.toLowerCase() !== 'aws-chunked');
  if (encoding.length > 0) headers['content-encoding'] = encoding.join(',');
  else delete headers['content-encoding'];
  return { ...req, headers };
}

/** The largest object a single PUT (and a part) may carry: 5 GB (S3 User Guide, upload-objects; mpuoverview, limits). */
export const S3_MAX_UPLOAD = 5 * 1024 ** 3;

// unverified: S3's text as clients report it ("…exceeds the maximum allowed size"; the error code
// list says "…maximum allowed object size."), and the ProposedSize/MaxSizeAllowed elements.
const entityTooLarge = (proposed: number): ProtocolError =>
  new ProtocolError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, { ProposedSize: proposed, MaxSizeAllowed: S3_MAX_UPLOAD });

/** EntityTooLarge for an upload declared larger than S3 takes in one request, before anything is read. */
export function s3UploadTooLarge(req: HttpRequest): ProtocolError | null {
  for (const name of ['x-amz-decoded-content-length', 'content-length']) {
    const v = first(req.headers[name]);
    if (v !== undefined && /^\d+$/.test(v.trim()) && Number(v.trim()) > S3_MAX_UPLOAD) return entityTooLarge(Number(v.trim()));
  }
  return null;
}

/**
 * The body of a streamed S3 upload (an operation declaring `streamingBody`), read from `source`
 * as the operation asks for it, after the request's signature held: aws-chunked bodies decoded
 * with each chunk signature checked, other bodies hashed against a hex x-amz-content-sha256 and
 * counted against Content-Length. Returns the request the codec decodes (no body, decoded
 * headers) and the body.
 */
export function s3RequestBody(
  req: HttpRequest,
  source: AsyncIterable<Uint8Array>,
  s3: { readonly payloadHash?: string; readonly streaming?: true },
  auth: ParsedAuth | undefined,
  secretAccessKey: string | undefined,
): { request: HttpRequest; body: RequestBodyStream } | ProtocolError {
  const declaredTrailers = (first(req.headers['x-amz-trailer']) ?? '').split(',').map((n) => n.trim().toLowerCase()).filter((n) => n !== '');
  let decoder: AwsChunkedDecoder | undefined;
  let declaredLength: number | undefined;
  if (s3.streaming === true) {
    const d = AwsChunkedDecoder.create(chunkedOptions(req, auth, secretAccessKey));
    if (!(d instanceof AwsChunkedDecoder)) return new ProtocolError(d.kind, d.message, d.status);
    decoder = d;
    declaredLength = d.declaredLength;
  } else {
    const cl = first(req.headers['content-length']);
    if (cl !== undefined && /^\d+$/.test(cl.trim())) declaredLength = Number(cl.trim());
  }
  const hash = s3.payloadHash !== undefined && /^[0-9a-f]{64}$/.test(s3.payloadHash) ? createHash('sha256') : undefined;
  const chunkedError = (e: { kind: string; message: string; status: number }) => new ProtocolError(e.kind, e.message, e.status);
  let consumed = false;
  let trailers: Readonly<Record<string, string>> = {};
  const body: RequestBodyStream = {
    declaredLength,
    declaredTrailers,
    get consumed() {
      return consumed;
    },
    get trailers() {
      return trailers;
    },
    async *chunks() {
      if (consumed) throw new WardenBug('the request body was already read');
      consumed = true;
      let received = 0;
      try {
        for await (const raw of source) {
          if (decoder !== undefined) {
            const parts = decoder.push(raw);
            if (!Array.isArray(parts)) throw chunkedError(parts);
            for (const p of parts) yield p;
            continue;
          }
          received += raw.length;
          if (received > S3_MAX_UPLOAD) throw entityTooLarge(received);
          // unverified: S3's answer to more bytes than Content-Length (Node's parser stops at Content-Length anyway).
          if (declaredLength !== undefined && received > declaredLength) throw new ProtocolError('IncompleteBody', INCOMPLETE, 400);
          hash?.update(raw);
          yield raw;
        }
      } catch (err) {
        if (err instanceof ProtocolError) throw err;
        // The client went away mid-body.
        throw new ProtocolError('IncompleteBody', INCOMPLETE, 400);
      }
      if (decoder !== undefined) {
        const end = decoder.end();
        if ('ok' in end) throw chunkedError(end);
        // Trailers are only taken when declared: their checksums are computed as the body passes.
        // unverified: S3's answer to an undeclared trailing header.
        if (Object.keys(end.trailers).some((n) => !declaredTrailers.includes(n))) {
          throw new ProtocolError('MalformedTrailerError', 'The request contained trailing data that was not well-formed or did not conform to our published schema.', 400);
        }
        trailers = end.trailers;
        return;
      }
      if (declaredLength !== undefined && received !== declaredLength) throw new ProtocolError('IncompleteBody', INCOMPLETE, 400);
      if (hash !== undefined) {
        const mismatch = payloadHashMismatch(s3.payloadHash!, hash.digest('hex'));
        if (mismatch !== null) throw mismatch;
      }
    },
  };
  const request = decoder !== undefined ? decodedHeaders(req, {}, decoder.declaredLength) : req;
  return { request, body };
}

const INCOMPLETE = 'You did not provide the number of bytes specified by the Content-Length HTTP header.';
