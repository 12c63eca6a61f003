import { ProtocolError } from '../core/errors.js';
import { MISSING_TOKEN_QUERY } from '../auth/sigv4-messages.js';
import type { AuthProblem } from '../auth/sigv4.js';

type Wire = 'json' | 'query';

/**
 * Authentication failures are framework errors: the code depends on the protocol.
 * Statuses from AWS's "Common Errors" pages (query: IncompleteSignature 400, InvalidClientTokenId
 * 403, MissingAuthenticationToken 403, SignatureDoesNotMatch 403); JSON services answer
 * InvalidSignatureException / UnrecognizedClientException with 400 and
 * MissingAuthenticationTokenException with 403.
 */
export function authProblemError(wire: Wire, p: AuthProblem): ProtocolError {
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
  return wire === 'json'
    ? new ProtocolError('UnrecognizedClientException', INVALID_TOKEN, 400)
    : new ProtocolError('InvalidClientTokenId', INVALID_TOKEN, 403);
}
