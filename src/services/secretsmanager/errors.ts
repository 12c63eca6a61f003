/** Secrets Manager's errors: the modeled ones, and the unmodeled access-denied error. */
import { AwsError } from '../../core/errors.js';

export {
  DecryptionFailure,
  EncryptionFailure,
  InternalServiceError,
  InvalidNextTokenException,
  InvalidParameterException,
  InvalidRequestException,
  LimitExceededException,
  MalformedPolicyDocumentException,
  PreconditionNotMetException,
  PublicPolicyException,
  ResourceExistsException,
  ResourceNotFoundException,
} from './model.gen.js';

/** Not in the model; HTTP 400 like the other JSON services' AccessDeniedException. */
export class AccessDeniedException extends AwsError {
  readonly code = 'AccessDeniedException';
}
