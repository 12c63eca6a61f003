import { AwsError, ServerFault } from '../../core/errors.js';

// STS's common errors, which the model does not list (https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html).
export class AccessDenied extends AwsError {
  readonly code = 'AccessDenied';
  override readonly httpStatus = 403;
}
export class InternalFailure extends ServerFault {
  readonly code = 'InternalFailure';
}

/** Input AWS refuses beyond the model's constraints (DurationSeconds over the role's limit). */
export class ValidationError extends AwsError {
  readonly code = 'ValidationError';
}
