/**
 * S3 Control's errors: the one the model declares for these operations
 * (NoSuchPublicAccessBlockConfiguration, 404) and the S3-style ones it answers without declaring
 * them (S3 API Reference, "Error responses", https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
 */
import { AwsError, ServerFault } from '../../core/errors.js';

export { NoSuchPublicAccessBlockConfiguration } from './model.gen.js';

export class AccessDenied extends AwsError { override readonly httpStatus = 403; readonly code = 'AccessDenied'; }
export class InternalError extends ServerFault { readonly code = 'InternalError'; }
export class InvalidRequest extends AwsError { readonly code = 'InvalidRequest'; }
export class MalformedXML extends AwsError { readonly code = 'MalformedXML'; }

export const MESSAGES = {
  malformedXml: 'The XML you provided was not well-formed or did not validate against our published schema',
  // As AWS answered an account without settings (404, reported in snyk/driftctl#1590); not on AWS's error-code list.
  noPublicAccessBlock: 'The public access block configuration was not found',
  // unverified: the text for a configuration naming no setting.
  noSetting: 'Must specify at least one configuration.',
} as const;
