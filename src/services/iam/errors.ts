import { AwsError, ServerFault } from '../../core/errors.js';
import {
  CredentialReportExpiredException,
  CredentialReportNotPresentException,
  DeleteConflictException,
  EntityAlreadyExistsException,
  InvalidAuthenticationCodeException,
  InvalidUserTypeException,
  PasswordPolicyViolationException,
  InvalidInputException,
  LimitExceededException,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
} from './model.gen.js';

export {
  DeleteConflictException,
  EntityAlreadyExistsException,
  InvalidInputException,
  LimitExceededException,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
} from './model.gen.js';

// IAM's common errors, which the model does not list (https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html).
export class AccessDenied extends AwsError {
  readonly code = 'AccessDenied';
  override readonly httpStatus = 403;
}
/** The model's ServiceFailureException is a 500 but not marked as the server's fault; this one is. */
export class ServiceFailure extends ServerFault {
  readonly code = 'ServiceFailure';
}
/** Checks the model cannot express; IAM answers them as ValidationError (400), like model violations. */
export class ValidationError extends AwsError {
  readonly code = 'ValidationError';
}

/**
 * AWS's texts, gathered here so that handlers never format errors. Unless noted, each was
 * recorded against AWS in LocalStack's snapshot tests (localstack/localstack,
 * tests/aws/services/iam/test_iam_{users,groups,roles,policies,managed_policies}.snapshot.json,
 * recorded 2026-02).
 */
export type EntityKind = 'user' | 'group' | 'role';

export const noSuchEntity = (kind: EntityKind, name: string): AwsError =>
  new NoSuchEntityException(`The ${kind} with name ${name} cannot be found.`);

const TITLE: Readonly<Record<EntityKind, string>> = { user: 'User', group: 'Group', role: 'Role' };
export const entityExists = (kind: EntityKind, name: string): AwsError =>
  new EntityAlreadyExistsException(`${TITLE[kind]} with name ${name} already exists.`);

export const noSuchInlinePolicy = (kind: EntityKind, name: string): AwsError =>
  new NoSuchEntityException(`The ${kind} policy with name ${name} cannot be found.`);

export const policyExists = (name: string): AwsError =>
  new EntityAlreadyExistsException(`A policy called ${name} already exists. Duplicate names are not allowed.`);

/** Attach*Policy of a policy that is not there, or not in this account. */
export const policyNotAttachable = (arn: string): AwsError =>
  new NoSuchEntityException(`Policy ${arn} does not exist or is not attachable.`);
/** Detach*Policy of a policy that is not attached; also GetPolicy, Tag/UntagPolicy of a missing policy. */
export const policyNotFound = (arn: string): AwsError => new NoSuchEntityException(`Policy ${arn} was not found.`);
export const policyVersionNotFound = (arn: string, versionId: string): AwsError =>
  new NoSuchEntityException(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);
/** Put*PermissionsBoundary / Create* with a boundary that does not exist. */
export const boundaryNotAttachable = (arn: string): AwsError =>
  new NoSuchEntityException(`Scope ARN: ${arn} does not exist or is not attachable.`);

/** A PolicyArn that is no policy ARN (2026 recording; a 2023 recording answered InvalidInput). */
export const invalidPolicyArn = (arn: string): AwsError => new ValidationError(`ARN ${arn} is not valid.`);
export const invalidBoundaryArn = (arn: string): AwsError => new InvalidInputException(`ARN ${arn} is not valid.`);

export const noSuchAccessKey = (id: string): AwsError => new NoSuchEntityException(`The Access Key with id ${id} cannot be found.`);
export const accessKeyQuota = (): AwsError => new LimitExceededException('Cannot exceed quota for AccessKeysPerUser: 2');
/** Access-key operations without UserName, called with credentials that are not an IAM user's. */
export const userNameRequired = (): AwsError => new ValidationError('Must specify userName when calling with non-User credentials');
/** GetAccessKeyLastUsed of a key that is not there: AWS answers AccessDenied (no colon after "perform"). */
export const lastUsedDenied = (callerArn: string, id: string): AwsError =>
  new AccessDenied(`User: ${callerArn} is not authorized to perform iam:GetAccessKeyLastUsed on resource: access key ${id}`);

// DeleteConflict texts (snapshots above; "must remove users from group first" for a user still in a
// group: emulators written against AWS agree — ceph/ctyun IAM suites, floci — // unverified on AWS).
export const CONFLICT = {
  accessKeys: 'Cannot delete entity, must delete access keys first.',
  inline: 'Cannot delete entity, must delete policies first.',
  attached: 'Cannot delete entity, must detach all policies first.',
  members: 'Cannot delete entity, must remove users from group first.',
  defaultVersion: 'Cannot delete the default version of a policy.',
  policyAttached: 'Cannot delete a policy attached to entities.',
  // Many user reports, e.g. aws-samples/aws-sra-examples (DeleteConflictException text in a comment).
  policyVersions:
    "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
} as const;
export const deleteConflict = (message: string): AwsError => new DeleteConflictException(message);

export const versionQuota = (): AwsError =>
  new LimitExceededException('A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.');

// "Cannot exceed quota for <Quota>: <n>" — many user reports of real responses: PoliciesPerUser,
// PoliciesPerRole, PoliciesPerGroup (terraform/CDK logs), GroupsPerUser (emulators), PolicySize
// (CreatePolicyVersion logs), ACLSizePerRole (CreateRole/UpdateAssumeRolePolicy logs).
export const quota = (name: string, limit: number): AwsError => new LimitExceededException(`Cannot exceed quota for ${name}: ${limit}`);
/** Inline policies of one entity over their aggregate size (terraform-provider-aws and CDK user reports). */
export const inlineSizeExceeded = (limit: number, kind: EntityKind, name: string): AwsError =>
  new LimitExceededException(`Maximum policy size of ${limit} bytes exceeded for ${kind} ${name}`);

export const malformed = (message: string): AwsError => new MalformedPolicyDocumentException(message);

/** Tag keys are case-insensitive for users and roles, case-sensitive for policies (recordings of both). */
export const duplicateTags = (caseInsensitive: boolean): AwsError =>
  new InvalidInputException(caseInsensitive ? 'Duplicate tag keys found. Please note that Tag keys are case insensitive.' : 'Duplicate tag keys found.');
export const tooManyTags = (kind: string): AwsError => quota(`TagsPer${kind}`, 50); // unverified

export const aliasExists = (alias: string): AwsError => new EntityAlreadyExistsException(`The account alias ${alias} already exists.`); // unverified
export const noSuchAlias = (alias: string): AwsError => new NoSuchEntityException(`The account alias ${alias} cannot be found.`); // unverified

// ---- MFA devices, login profiles, instance profiles, reports ---------------------------------


/** Many user reports of EnableMFADevice/ResyncMFADevice with codes that do not match (e.g. aws-cli, console write-ups). */
export const invalidAuthenticationCode = (): AwsError => new InvalidAuthenticationCodeException('Authentication code for device is not valid.');
// unverified: remembered from user reports (console "Entity already exists" when a user retries enrolment).
export const mfaExists = (): AwsError => new EntityAlreadyExistsException('MFADevice entity at the same path and name already exists.');
// unverified: the texts below for MFA devices not found / in use.
export const noSuchMfa = (serial: string): AwsError => new NoSuchEntityException(`VirtualMFADevice with serial number ${serial} doesn't exist.`);
export const mfaNotAssigned = (serial: string, user: string): AwsError => new NoSuchEntityException(`MFA Device with serial number ${serial} is not associated with user ${user}.`);
export const mfaInUse = (): AwsError => new EntityAlreadyExistsException('MFA Device is already in use.');
export const mfaStillEnabled = (): AwsError => new DeleteConflictException('MFA Device is still enabled. Deactivate it first.');
/** IAM UG, reference_iam-quotas: "MFA devices in use per user: 8". */
export const mfaQuota = (): AwsError => quota('MFADevicesPerUser', 8);
/** DeleteUser with an MFA device (aws-nuke issues #281, #405: real responses). */
export const MFA_CONFLICT = 'Cannot delete entity, must delete MFA device first.';
// unverified: the DeleteUser text for a user with a login profile.
export const LOGIN_PROFILE_CONFLICT = 'Cannot delete entity, must delete login profile first.';

// unverified: Login-profile texts (moto and user reports agree on "Login Profile for user … cannot be found.").
export const noSuchLoginProfile = (user: string): AwsError => new NoSuchEntityException(`Login Profile for User ${user} cannot be found.`);
export const loginProfileExists = (user: string): AwsError => new EntityAlreadyExistsException(`Login Profile for user ${user} already exists.`);
// unverified: the password-policy NoSuchEntity text.
export const noPasswordPolicy = (account: string): AwsError =>
  new NoSuchEntityException(`The Password Policy with domain name ${account} cannot be found.`);
export const passwordViolation = (message: string): AwsError => new PasswordPolicyViolationException(message);
// unverified: ChangePassword called by a principal that is no IAM user.
export const notAnIamUser = (): AwsError => new InvalidUserTypeException('An IAM user is required to change a password.');
// unverified: ChangePassword with a wrong OldPassword (AWS answers InvalidUserType per user reports).
export const wrongOldPassword = (): AwsError => new InvalidUserTypeException('The old password was incorrect.');

// unverified: instance-profile texts, by analogy with users and roles.
export const noSuchInstanceProfile = (name: string): AwsError => new NoSuchEntityException(`Instance Profile ${name} cannot be found.`);
export const instanceProfileExists = (name: string): AwsError => new EntityAlreadyExistsException(`Instance Profile ${name} already exists.`);
/** IAM UG, reference_iam-quotas: "Roles in an instance profile: 1". */
// unverified: the quota's name in the text, as remembered from terraform-provider-aws reports.
export const instanceProfileRoleQuota = (): AwsError => quota('InstanceSessionsPerInstanceProfile', 1);
// unverified
export const roleAlreadyInProfile = (role: string): AwsError => new EntityAlreadyExistsException(`Role ${role} is already associated with an instance profile.`);
// unverified
export const roleNotInProfile = (role: string, profile: string): AwsError => new NoSuchEntityException(`The role ${role} is not in instance profile ${profile}.`);
/** DeleteRole of a role in an instance profile; DeleteInstanceProfile with a role. */
// unverified: remembered from user reports, not re-checked.
export const INSTANCE_PROFILE_CONFLICT = 'Cannot delete entity, must remove roles from instance profile first.';

/** The descriptions API_GetCredentialReport gives these errors. */
// unverified: that AWS's messages are these descriptions word for word.
export const reportNotPresent = (): AwsError =>
  new CredentialReportNotPresentException('The request was rejected because the credential report does not exist. To generate a credential report, use GenerateCredentialReport.');
export const reportExpired = (): AwsError =>
  new CredentialReportExpiredException(
    'The request was rejected because the most recent credential report has expired. To generate a new credential report, use GenerateCredentialReport. For more information about credential report expiration, see Getting credential reports in the IAM User Guide.',
  );
// unverified: CreateLoginProfile for an IAM user without Password (the member became optional for root users).
export const passwordRequired = (): AwsError => new ValidationError('Password is required for IAM users.');
