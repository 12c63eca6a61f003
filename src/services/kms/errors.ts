import { AwsError } from '../../core/errors.js';

export {
  AlreadyExistsException,
  DisabledException,
  DryRunOperationException,
  ExpiredImportTokenException,
  IncorrectKeyException,
  IncorrectKeyMaterialException,
  InvalidAliasNameException,
  InvalidArnException,
  InvalidCiphertextException,
  InvalidGrantIdException,
  InvalidGrantTokenException,
  InvalidImportTokenException,
  InvalidKeyUsageException,
  InvalidMarkerException,
  KMSInternalException,
  KMSInvalidMacException,
  KMSInvalidSignatureException,
  KMSInvalidStateException,
  LimitExceededException,
  MalformedPolicyDocumentException,
  NotFoundException,
  TagException,
  UnsupportedOperationException,
} from './model.gen.js';

// KMS's common errors, which the model does not list (https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html).
export class AccessDeniedException extends AwsError {
  readonly code = 'AccessDeniedException';
}
/**
 * CreateAlias/UpdateAlias with a reserved `alias/aws/` name: moto and local-kms, both written
 * against AWS's answers, return this unmodeled code with an empty message. // unverified
 */
export class NotAuthorizedException extends AwsError {
  readonly code = 'NotAuthorizedException';
}
/** Checks the model cannot express (KMS answers them as ValidationException, HTTP 400). */
export class ValidationException extends AwsError {
  readonly code = 'ValidationException';
}
