/**
 * S3's payload signing (S3 API Reference, sig-v4-header-based-auth and sigv4-streaming): the
 * payload hash line of the canonical request is the `x-amz-content-sha256` header, which S3
 * requires on header-authenticated requests and checks against the body it received; presigned
 * URLs sign UNSIGNED-PAYLOAD. `aws-chunked` streaming bodies (STREAMING-…) are not decoded here.
 */
import { createHash } from 'node:crypto';
import { ProtocolError } from '../core/errors.js';
import type { ParsedAuth, SignedRequest } from './sigv4.js';

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html (the accepted values).
const BAD_VALUE =
  'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value.'; // unverified wording

/** The payload-hash line to verify the signature with, or the error S3 answers. */
export function s3PayloadHash(req: SignedRequest, auth: ParsedAuth): { payloadHash?: string } | ProtocolError {
  const encoding = first(req.headers['content-encoding']) ?? '';
  const declared = first(req.headers['x-amz-content-sha256']);
  if (/(^|,)\s*aws-chunked\s*(,|$)/i.test(encoding) || declared?.startsWith('STREAMING-')) {
    // Differs from AWS: aws-chunked bodies are not decoded yet (src/auth/aws-chunked.ts, later).
    return new ProtocolError('NotImplemented', 'Warden does not accept aws-chunked (STREAMING-*) request bodies yet; send the body with its length (e.g. disable request checksums in streaming mode).', 501);
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
