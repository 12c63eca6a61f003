import { ProtocolError } from '../core/errors.js';
import { MISSING_TOKEN_QUERY } from '../auth/sigv4-messages.js';
import type { AuthProblem } from '../auth/sigv4.js';

type Wire = 'json' | 'query' | 'rest-xml';

/**
 * Authentication failures are framework errors: the code depends on the protocol.
 * Statuses from AWS's "Common Errors" pages (query: IncompleteSignature 400, InvalidClientTokenId
 * 403, MissingAuthenticationToken 403, SignatureDoesNotMatch 403); JSON services answer
 * InvalidSignatureException / UnrecognizedClientException with 400 and
 * MissingAuthenticationTokenException with 403.
 */
export function authProblemError(wire: Wire, p: AuthProblem): ProtocolError {
  if (wire === 'rest-xml') return s3AuthError(p);
  switch (p.kind) {
    case 'MissingAuthenticationToken':
      return wire === 'json'
        ? new ProtocolError('MissingAuthenticationTokenException', p.message, 403)
        : new ProtocolError('MissingAuthenticationToken', MISSING_TOKEN_QUERY, 403);
    case 'IncompleteSignature':
      return wire === 'json'
        ? new ProtocolError('IncompleteSignatureException', p.message, 400)
        : new ProtocolError('IncompleteSignature', p.message, 400);
    default:
      return wire === 'json'
        ? new ProtocolError('InvalidSignatureException', p.message, 400)
        : new ProtocolError('SignatureDoesNotMatch', p.message, 403);
  }
}

const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** An access key Warden does not know (secure profile, or a revoked key). */
export function unknownAccessKeyError(wire: Wire): ProtocolError {
  // https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
  if (wire === 'rest-xml') return new ProtocolError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403);
  return wire === 'json'
    ? new ProtocolError('UnrecognizedClientException', INVALID_TOKEN, 400)
    : new ProtocolError('InvalidClientTokenId', INVALID_TOKEN, 403);
}

/**
 * S3's own codes for authentication failures (S3 API Reference, ErrorResponses: SignatureDoesNotMatch,
 * RequestTimeTooSkewed, AuthorizationHeaderMalformed, AuthorizationQueryParametersError; a presigned
 * URL past X-Amz-Expires is AccessDenied "Request has expired"; a request without credentials is
 * evaluated anonymously — Warden serves no anonymous access and answers AccessDenied).
 */
function s3AuthError(p: AuthProblem): ProtocolError {
  switch (p.kind) {
    case 'MissingAuthenticationToken':
      return new ProtocolError('AccessDenied', 'Access Denied', 403);
    case 'SignatureDoesNotMatch':
      return new ProtocolError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', 403);
    case 'SignatureExpired':
    case 'SignatureNotYetCurrent':
      return new ProtocolError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', 403);
    case 'PresignedExpired':
      return new ProtocolError('AccessDenied', 'Request has expired', 403);
    case 'AuthorizationQueryParametersError':
      return new ProtocolError('AuthorizationQueryParametersError', p.message, 400);
    default: // IncompleteSignature, InvalidScope — unverified: S3 words these itself ("The authorization header is malformed; …")
      return new ProtocolError('AuthorizationHeaderMalformed', `The authorization header is malformed; ${p.message}`.trim(), 400);
  }
}
