/**
 * S3's errors: the few the model declares, and the many it does not (S3 API Reference,
 * "Error responses", https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html — codes,
 * statuses and messages from its list of error codes unless marked unverified).
 */
import { AwsError, ServerFault } from '../../core/errors.js';

import { NoSuchBucket, NoSuchKey } from './model.gen.js';
export { AccessDenied, BucketAlreadyExists, BucketAlreadyOwnedByYou, InvalidRequest, NoSuchBucket, NoSuchKey, NoSuchUpload } from './model.gen.js';

type Fields = Readonly<Record<string, unknown>>;

export class InternalError extends ServerFault { readonly code = 'InternalError'; }
export class InvalidArgument extends AwsError { readonly code = 'InvalidArgument'; }
export class InvalidBucketName extends AwsError { readonly code = 'InvalidBucketName'; }
export class BucketNotEmpty extends AwsError { override readonly httpStatus = 409; readonly code = 'BucketNotEmpty'; }
export class NoSuchBucketPolicy extends AwsError { override readonly httpStatus = 404; readonly code = 'NoSuchBucketPolicy'; }
export class NoSuchTagSet extends AwsError { override readonly httpStatus = 404; readonly code = 'NoSuchTagSet'; }
export class MalformedXML extends AwsError { readonly code = 'MalformedXML'; }
export class MalformedPolicy extends AwsError { readonly code = 'MalformedPolicy'; }
export class PreconditionFailed extends AwsError { override readonly httpStatus = 412; readonly code = 'PreconditionFailed'; }
export class NotModified extends AwsError { override readonly httpStatus = 304; readonly code = 'NotModified'; }
export class InvalidRange extends AwsError { override readonly httpStatus = 416; readonly code = 'InvalidRange'; }
export class BadDigest extends AwsError { readonly code = 'BadDigest'; }
export class InvalidDigest extends AwsError { readonly code = 'InvalidDigest'; }
export class InvalidLocationConstraint extends AwsError { readonly code = 'InvalidLocationConstraint'; }
export class IllegalLocationConstraintException extends AwsError { readonly code = 'IllegalLocationConstraintException'; }
export class InvalidTag extends AwsError { readonly code = 'InvalidTag'; }
export class KmsNotFound extends AwsError { readonly code = 'KMS.NotFoundException'; }
export class KmsDisabled extends AwsError { readonly code = 'KMS.DisabledException'; }
export class KmsInvalidState extends AwsError { readonly code = 'KMS.KMSInvalidStateException'; }
export class InvalidPart extends AwsError { readonly code = 'InvalidPart'; }
export class InvalidPartOrder extends AwsError { readonly code = 'InvalidPartOrder'; }
export class EntityTooSmall extends AwsError { readonly code = 'EntityTooSmall'; }
export class OwnershipControlsNotFoundError extends AwsError { override readonly httpStatus = 404; readonly code = 'OwnershipControlsNotFoundError'; }
export class NoSuchPublicAccessBlockConfiguration extends AwsError { override readonly httpStatus = 404; readonly code = 'NoSuchPublicAccessBlockConfiguration'; }
export class NoSuchCORSConfiguration extends AwsError { override readonly httpStatus = 404; readonly code = 'NoSuchCORSConfiguration'; }
// object-ownership-error-responses.html: 400 for both.
export class AccessControlListNotSupported extends AwsError { readonly code = 'AccessControlListNotSupported'; }
export class InvalidBucketAclWithObjectOwnership extends AwsError { readonly code = 'InvalidBucketAclWithObjectOwnership'; }
/** A CORS preflight S3 refuses (cors-troubleshooting.html: 403). */
export class AccessForbidden extends AwsError { override readonly httpStatus = 403; readonly code = 'AccessForbidden'; }
export class BadRequest extends AwsError { readonly code = 'BadRequest'; }
export class MalformedACLError extends AwsError { readonly code = 'MalformedACLError'; }
export class MissingSecurityHeader extends AwsError { readonly code = 'MissingSecurityHeader'; }

export const MESSAGES = {
  noSuchBucket: 'The specified bucket does not exist',
  noSuchKey: 'The specified key does not exist.',
  bucketExists: 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
  bucketOwned: 'Your previous request to create the named bucket succeeded and you already own it.',
  bucketNotEmpty: 'The bucket you tried to delete is not empty',
  invalidBucketName: 'The specified bucket is not valid.',
  noSuchBucketPolicy: 'The bucket policy does not exist',
  noSuchTagSet: 'The TagSet does not exist',
  malformedXml: 'The XML you provided was not well-formed or did not validate against our published schema',
  precondition: 'At least one of the pre-conditions you specified did not hold',
  invalidRange: 'The requested range is not satisfiable',
  badDigest: 'The Content-MD5 you specified did not match what we received.',
  invalidDigest: 'The Content-MD5 you specified was not valid.',
  invalidLocation: 'The specified location-constraint is not valid',
  noSuchUpload: 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  invalidPart: "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
  invalidPartOrder: 'The list of parts was not in ascending order. Parts must be ordered by part number.',
  entityTooSmall: 'Your proposed upload is smaller than the minimum allowed object size.',
  partNumber: 'Part number must be an integer between 1 and 10000, inclusive',
  // unverified word for word: the texts S3 answers as users report them (not on the error-code list).
  noOwnershipControls: 'The bucket ownership controls were not found',
  noPublicAccessBlock: 'The public access block configuration was not found',
  noCors: 'The CORS configuration does not exist',
  // object-ownership-error-responses.html: "The bucket does not allow ACLs".
  aclNotSupported: 'The bucket does not allow ACLs',
  // unverified: S3's text for InvalidBucketAclWithObjectOwnership as users report it.
  aclWithEnforced: "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
  accessDenied: 'Access Denied',
  // ErrorResponses.html, MalformedACLError. // unverified word for word
  malformedAcl: 'The XML you provided was not well-formed or did not validate against our published schema.',
} as const;

export const noSuchBucket = (bucket: string): AwsError => new NoSuchBucket(MESSAGES.noSuchBucket, { BucketName: bucket });
export const noSuchKey = (key: string): AwsError => new NoSuchKey(MESSAGES.noSuchKey, { Key: key });

export const invalidArgument = (message: string, name: string, value: string, fields: Fields = {}): AwsError =>
  new InvalidArgument(message, { ArgumentName: name, ArgumentValue: value, ...fields });
