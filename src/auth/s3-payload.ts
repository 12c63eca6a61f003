/**
 * S3's payload signing (S3 API Reference, sig-v4-header-based-auth and sigv4-streaming): the
 * payload hash line of the canonical request is the `x-amz-content-sha256` header, which S3
 * requires on header-authenticated requests and checks against the body it received; presigned
 * URLs sign UNSIGNED-PAYLOAD. `aws-chunked` streaming bodies (STREAMING-…) are signed with that
 * value and decoded after the signature holds (`s3StreamingBody`).
 */
import { createHash } from 'node:crypto';
import { ProtocolError } from '../core/errors.js';
import type { HttpRequest } from '../protocol/codec.js';
import { chunkSigning, decodeAwsChunked, isStreamingPayload } from './aws-chunked.js';
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
  const actual = createHash('sha256').update(req.body).digest('hex');
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
  const decoded = decodeAwsChunked(Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength), {
    contentSha256: first(req.headers['x-amz-content-sha256'])!,
    decodedContentLength: first(req.headers['x-amz-decoded-content-length']),
    declaredTrailer: first(req.headers['x-amz-trailer']),
    ...(secretAccessKey !== undefined ? { signing: chunkSigning(auth, secretAccessKey) } : { unverifiedSignatures: true }),
  });
  if (!decoded.ok) return new ProtocolError(decoded.kind, decoded.message, decoded.status);
  const headers: Record<string, string | string[] | undefined> = { ...req.headers, ...decoded.trailers, 'content-length': String(decoded.payload.length) };
  const encoding = (first(req.headers['content-encoding']) ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e.toLowerCase() !== 'aws-chunked');
  if (encoding.length > 0) headers['content-encoding'] = encoding.join(',');
  else delete headers['content-encoding'];
  return { ...req, headers, body: decoded.payload };
}
