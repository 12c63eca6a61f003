// https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountSummary.html
import { rootAccessKeysPresent } from '../../../auth/credentials.js';
import { defineOperation } from '../../../core/operation.js';
import { allManagedPolicies, attachmentCount } from '../managed.js';
import type { Operations } from '../model.gen.js';
import { iamState } from '../state.js';

type Op = Operations['GetAccountSummary'];

/** The quota entries as AWS reports them for a new account (LocalStack test_iam_account_summary snapshot, recorded 2026-02). */
const QUOTAS = {
  AccessKeysPerUserQuota: 2,
  AssumeRolePolicySizeQuota: 2048,
  AttachedPoliciesPerGroupQuota: 10,
  AttachedPoliciesPerRoleQuota: 10,
  AttachedPoliciesPerUserQuota: 10,
  GlobalEndpointTokenVersion: 1,
  GroupPolicySizeQuota: 5120,
  GroupsPerUserQuota: 10,
  GroupsQuota: 300,
  InstanceProfilesQuota: 1000,
  PoliciesQuota: 1500,
  PolicySizeQuota: 6144,
  PolicyVersionsInUseQuota: 10000,
  RolePolicySizeQuota: 10240,
  RolesQuota: 1000,
  ServerCertificatesQuota: 20,
  SigningCertificatesPerUserQuota: 2,
  UserPolicySizeQuota: 2048,
  UsersQuota: 5000,
  VersionsPerPolicyQuota: 5,
};

export const getAccountSummary = defineOperation<Op['input'], Op['output']>({
  name: 'GetAccountSummary',
  actions: ['iam:GetAccountSummary'],
  readOnly: true,
  async handler(_input, ctx) {
    await ctx.authorize({ action: 'iam:GetAccountSummary', resource: '*' });
    const s = iamState(ctx.tx, ctx.account);
    const [users, groups, roles, policies, managed, rootKeys, devices, profiles] = await Promise.all([
      s.count('user'),
      s.count('group'),
      s.count('role'),
      s.count('policy'),
      allManagedPolicies(s),
      rootAccessKeysPresent(ctx.tx, ctx.account),
      s.list('mfa'),
      s.count('instance-profile'),
    ]);
    const inUse = managed.reduce((n, p) => n + attachmentCount(p.usage), 0);
    return {
      SummaryMap: {
        ...QUOTAS,
        Users: users,
        Groups: groups,
        Roles: roles,
        Policies: policies,
        PolicyVersionsInUse: inUse,
        AccountAccessKeysPresent: rootKeys ? 1 : 0,
        MFADevices: devices.length,
        MFADevicesInUse: devices.filter((d) => d.user !== undefined).length,
        InstanceProfiles: profiles,
        // Not in Warden: the root user's MFA and password (console only), signing certificates,
        // identity providers, server certificates.
        AccountMFAEnabled: 0,
        AccountPasswordPresent: 0,
        AccountSigningCertificatesPresent: 0,
        Providers: 0,
        ServerCertificates: 0,
      },
    };
  },
});
