import type { OperationMap } from '../../../core/operation.js';
import type { Operations } from '../model.gen.js';
import { addUserToGroup } from './add-user-to-group.js';
import { attachGroupPolicy } from './attach-group-policy.js';
import { attachRolePolicy } from './attach-role-policy.js';
import { attachUserPolicy } from './attach-user-policy.js';
import { createAccessKey } from './create-access-key.js';
import { createAccountAlias } from './create-account-alias.js';
import { createGroup } from './create-group.js';
import { createPolicyVersion } from './create-policy-version.js';
import { createPolicy } from './create-policy.js';
import { createRole } from './create-role.js';
import { createUser } from './create-user.js';
import { deleteAccessKey } from './delete-access-key.js';
import { deleteAccountAlias } from './delete-account-alias.js';
import { deleteGroupPolicy } from './delete-group-policy.js';
import { deleteGroup } from './delete-group.js';
import { deletePolicyVersion } from './delete-policy-version.js';
import { deletePolicy } from './delete-policy.js';
import { deleteRolePermissionsBoundary } from './delete-role-permissions-boundary.js';
import { deleteRolePolicy } from './delete-role-policy.js';
import { deleteRole } from './delete-role.js';
import { deleteUserPermissionsBoundary } from './delete-user-permissions-boundary.js';
import { deleteUserPolicy } from './delete-user-policy.js';
import { deleteUser } from './delete-user.js';
import { detachGroupPolicy } from './detach-group-policy.js';
import { detachRolePolicy } from './detach-role-policy.js';
import { detachUserPolicy } from './detach-user-policy.js';
import { getAccessKeyLastUsed } from './get-access-key-last-used.js';
import { getAccountSummary } from './get-account-summary.js';
import { getContextKeysForCustomPolicy } from './get-context-keys-for-custom-policy.js';
import { getContextKeysForPrincipalPolicy } from './get-context-keys-for-principal-policy.js';
import { getGroupPolicy } from './get-group-policy.js';
import { getGroup } from './get-group.js';
import { getPolicyVersion } from './get-policy-version.js';
import { getPolicy } from './get-policy.js';
import { getRolePolicy } from './get-role-policy.js';
import { getRole } from './get-role.js';
import { getUserPolicy } from './get-user-policy.js';
import { getUser } from './get-user.js';
import { listAccessKeys } from './list-access-keys.js';
import { listAccountAliases } from './list-account-aliases.js';
import { listAttachedGroupPolicies } from './list-attached-group-policies.js';
import { listAttachedRolePolicies } from './list-attached-role-policies.js';
import { listAttachedUserPolicies } from './list-attached-user-policies.js';
import { listEntitiesForPolicy } from './list-entities-for-policy.js';
import { listGroupPolicies } from './list-group-policies.js';
import { listGroupsForUser } from './list-groups-for-user.js';
import { listGroups } from './list-groups.js';
import { listPolicies } from './list-policies.js';
import { listPolicyTags } from './list-policy-tags.js';
import { listPolicyVersions } from './list-policy-versions.js';
import { listRolePolicies } from './list-role-policies.js';
import { listRoleTags } from './list-role-tags.js';
import { listRoles } from './list-roles.js';
import { listUserPolicies } from './list-user-policies.js';
import { listUserTags } from './list-user-tags.js';
import { listUsers } from './list-users.js';
import { putGroupPolicy } from './put-group-policy.js';
import { putRolePermissionsBoundary } from './put-role-permissions-boundary.js';
import { putRolePolicy } from './put-role-policy.js';
import { putUserPermissionsBoundary } from './put-user-permissions-boundary.js';
import { putUserPolicy } from './put-user-policy.js';
import { removeUserFromGroup } from './remove-user-from-group.js';
import { setDefaultPolicyVersion } from './set-default-policy-version.js';
import { simulateCustomPolicy } from './simulate-custom-policy.js';
import { simulatePrincipalPolicy } from './simulate-principal-policy.js';
import { tagPolicy } from './tag-policy.js';
import { tagRole } from './tag-role.js';
import { tagUser } from './tag-user.js';
import { untagPolicy } from './untag-policy.js';
import { untagRole } from './untag-role.js';
import { untagUser } from './untag-user.js';
import { updateAccessKey } from './update-access-key.js';
import { updateAssumeRolePolicy } from './update-assume-role-policy.js';
import { updateGroup } from './update-group.js';
import { updateRoleDescription } from './update-role-description.js';
import { updateRole } from './update-role.js';
import { updateUser } from './update-user.js';
import { createVirtualMFADevice } from './create-virtual-mfa-device.js';
import { enableMFADevice } from './enable-mfa-device.js';
import { resyncMFADevice } from './resync-mfa-device.js';
import { deactivateMFADevice } from './deactivate-mfa-device.js';
import { deleteVirtualMFADevice } from './delete-virtual-mfa-device.js';
import { listMFADevices } from './list-mfa-devices.js';
import { listVirtualMFADevices } from './list-virtual-mfa-devices.js';
import { getMFADevice } from './get-mfa-device.js';
import { tagMFADevice } from './tag-mfa-device.js';
import { untagMFADevice } from './untag-mfa-device.js';
import { listMFADeviceTags } from './list-mfa-device-tags.js';
import { createLoginProfile } from './create-login-profile.js';
import { getLoginProfile } from './get-login-profile.js';
import { updateLoginProfile } from './update-login-profile.js';
import { deleteLoginProfile } from './delete-login-profile.js';
import { changePassword } from './change-password.js';
import { updateAccountPasswordPolicy } from './update-account-password-policy.js';
import { getAccountPasswordPolicy } from './get-account-password-policy.js';
import { deleteAccountPasswordPolicy } from './delete-account-password-policy.js';
import { createInstanceProfile } from './create-instance-profile.js';
import { getInstanceProfile } from './get-instance-profile.js';
import { deleteInstanceProfile } from './delete-instance-profile.js';
import { listInstanceProfiles } from './list-instance-profiles.js';
import { listInstanceProfilesForRole } from './list-instance-profiles-for-role.js';
import { addRoleToInstanceProfile } from './add-role-to-instance-profile.js';
import { removeRoleFromInstanceProfile } from './remove-role-from-instance-profile.js';
import { tagInstanceProfile } from './tag-instance-profile.js';
import { untagInstanceProfile } from './untag-instance-profile.js';
import { listInstanceProfileTags } from './list-instance-profile-tags.js';
import { generateCredentialReport } from './generate-credential-report.js';
import { generateServiceLastAccessedDetails } from './generate-service-last-accessed-details.js';
import { getServiceLastAccessedDetailsWithEntities } from './get-service-last-accessed-details-with-entities.js';
import { getServiceLastAccessedDetails } from './get-service-last-accessed-details.js';
import { getCredentialReport } from './get-credential-report.js';
import { getAccountAuthorizationDetails } from './get-account-authorization-details.js';
import { oidcOperations } from './openid-connect.js';

/**
 * Phase 1: users, groups, roles, inline and managed policies, access keys, account alias and
 * summary. MFA, login profiles, the password policy, instance profiles, the credential report,
 * OIDC/SAML providers and the rest answer NotImplemented.
 */
export const operations = {
  AddUserToGroup: addUserToGroup,
  AttachGroupPolicy: attachGroupPolicy,
  AttachRolePolicy: attachRolePolicy,
  AttachUserPolicy: attachUserPolicy,
  CreateAccessKey: createAccessKey,
  CreateAccountAlias: createAccountAlias,
  CreateGroup: createGroup,
  CreatePolicy: createPolicy,
  CreatePolicyVersion: createPolicyVersion,
  CreateRole: createRole,
  CreateUser: createUser,
  DeleteAccessKey: deleteAccessKey,
  DeleteAccountAlias: deleteAccountAlias,
  DeleteGroup: deleteGroup,
  DeleteGroupPolicy: deleteGroupPolicy,
  DeletePolicy: deletePolicy,
  DeletePolicyVersion: deletePolicyVersion,
  DeleteRole: deleteRole,
  DeleteRolePermissionsBoundary: deleteRolePermissionsBoundary,
  DeleteRolePolicy: deleteRolePolicy,
  DeleteUser: deleteUser,
  DeleteUserPermissionsBoundary: deleteUserPermissionsBoundary,
  DeleteUserPolicy: deleteUserPolicy,
  DetachGroupPolicy: detachGroupPolicy,
  DetachRolePolicy: detachRolePolicy,
  DetachUserPolicy: detachUserPolicy,
  GetAccessKeyLastUsed: getAccessKeyLastUsed,
  GetAccountSummary: getAccountSummary,
  GetContextKeysForCustomPolicy: getContextKeysForCustomPolicy,
  GetContextKeysForPrincipalPolicy: getContextKeysForPrincipalPolicy,
  GetGroup: getGroup,
  GetGroupPolicy: getGroupPolicy,
  GetPolicy: getPolicy,
  GetPolicyVersion: getPolicyVersion,
  GetRole: getRole,
  GetRolePolicy: getRolePolicy,
  GetUser: getUser,
  GetUserPolicy: getUserPolicy,
  ListAccessKeys: listAccessKeys,
  ListAccountAliases: listAccountAliases,
  ListAttachedGroupPolicies: listAttachedGroupPolicies,
  ListAttachedRolePolicies: listAttachedRolePolicies,
  ListAttachedUserPolicies: listAttachedUserPolicies,
  ListEntitiesForPolicy: listEntitiesForPolicy,
  ListGroupPolicies: listGroupPolicies,
  ListGroups: listGroups,
  ListGroupsForUser: listGroupsForUser,
  ListPolicies: listPolicies,
  ListPolicyTags: listPolicyTags,
  ListPolicyVersions: listPolicyVersions,
  ListRolePolicies: listRolePolicies,
  ListRoleTags: listRoleTags,
  ListRoles: listRoles,
  ListUserPolicies: listUserPolicies,
  ListUserTags: listUserTags,
  ListUsers: listUsers,
  PutGroupPolicy: putGroupPolicy,
  PutRolePermissionsBoundary: putRolePermissionsBoundary,
  PutRolePolicy: putRolePolicy,
  PutUserPermissionsBoundary: putUserPermissionsBoundary,
  PutUserPolicy: putUserPolicy,
  RemoveUserFromGroup: removeUserFromGroup,
  SetDefaultPolicyVersion: setDefaultPolicyVersion,
  SimulateCustomPolicy: simulateCustomPolicy,
  SimulatePrincipalPolicy: simulatePrincipalPolicy,
  TagPolicy: tagPolicy,
  TagRole: tagRole,
  TagUser: tagUser,
  UntagPolicy: untagPolicy,
  UntagRole: untagRole,
  UntagUser: untagUser,
  UpdateAccessKey: updateAccessKey,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
  UpdateGroup: updateGroup,
  UpdateRole: updateRole,
  UpdateRoleDescription: updateRoleDescription,
  UpdateUser: updateUser,
  CreateVirtualMFADevice: createVirtualMFADevice,
  EnableMFADevice: enableMFADevice,
  ResyncMFADevice: resyncMFADevice,
  DeactivateMFADevice: deactivateMFADevice,
  DeleteVirtualMFADevice: deleteVirtualMFADevice,
  ListMFADevices: listMFADevices,
  ListVirtualMFADevices: listVirtualMFADevices,
  GetMFADevice: getMFADevice,
  TagMFADevice: tagMFADevice,
  UntagMFADevice: untagMFADevice,
  ListMFADeviceTags: listMFADeviceTags,
  CreateLoginProfile: createLoginProfile,
  GetLoginProfile: getLoginProfile,
  UpdateLoginProfile: updateLoginProfile,
  DeleteLoginProfile: deleteLoginProfile,
  ChangePassword: changePassword,
  UpdateAccountPasswordPolicy: updateAccountPasswordPolicy,
  GetAccountPasswordPolicy: getAccountPasswordPolicy,
  DeleteAccountPasswordPolicy: deleteAccountPasswordPolicy,
  CreateInstanceProfile: createInstanceProfile,
  GetInstanceProfile: getInstanceProfile,
  DeleteInstanceProfile: deleteInstanceProfile,
  ListInstanceProfiles: listInstanceProfiles,
  ListInstanceProfilesForRole: listInstanceProfilesForRole,
  AddRoleToInstanceProfile: addRoleToInstanceProfile,
  RemoveRoleFromInstanceProfile: removeRoleFromInstanceProfile,
  TagInstanceProfile: tagInstanceProfile,
  UntagInstanceProfile: untagInstanceProfile,
  ListInstanceProfileTags: listInstanceProfileTags,
  GenerateCredentialReport: generateCredentialReport,
  GetCredentialReport: getCredentialReport,
  GenerateServiceLastAccessedDetails: generateServiceLastAccessedDetails,
  GetServiceLastAccessedDetails: getServiceLastAccessedDetails,
  GetServiceLastAccessedDetailsWithEntities: getServiceLastAccessedDetailsWithEntities,
  GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
  ...oidcOperations,
} satisfies OperationMap<Operations>;
