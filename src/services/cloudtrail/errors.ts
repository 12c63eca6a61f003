/** CloudTrail's errors: the modeled ones, and the unmodeled internal failure. */
import { AwsError, type Fault } from '../../core/errors.js';

export {
  AccessDeniedException,
  CloudTrailARNInvalidException,
  InsightNotEnabledException,
  InsufficientEncryptionPolicyException,
  InsufficientS3BucketPolicyException,
  InvalidEventSelectorsException,
  InvalidHomeRegionException,
  InvalidKmsKeyIdException,
  InvalidInsightSelectorsException,
  InvalidParameterCombinationException,
  InvalidS3BucketNameException,
  InvalidS3PrefixException,
  InvalidLookupAttributesException,
  InvalidMaxResultsException,
  InvalidNextTokenException,
  InvalidTimeRangeException,
  InvalidTagParameterException,
  InvalidTrailNameException,
  KmsException,
  KmsKeyNotFoundException,
  ResourceNotFoundException,
  S3BucketDoesNotExistException,
  TagsLimitExceededException,
  TrailAlreadyExistsException,
  TrailNotFoundException,
} from './model.gen.js';

/** The model has no internal-failure error: the generic JSON one (500). // unverified code */
export class InternalFailure extends AwsError {
  readonly code = 'InternalFailure';
  override readonly httpStatus = 500;
  override readonly fault: Fault = 'server';
}
