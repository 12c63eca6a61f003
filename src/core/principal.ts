/** Who made a request, as resolved by authentication. */
/**
 * `WebIdentityUser` / `SAMLUser`: the holder of an OIDC token / SAML assertion while STS AssumeRoleWithWebIdentity weighs the
 * role's trust policy (AssumeRoleWithWebIdentity / AssumeRoleWithSAML; no credentials of its own). `Anonymous`: an unsigned request to one of the
 * few operations AWS accepts unsigned, before the operation knows who it is for.
 */
export type PrincipalType = 'Root' | 'IAMUser' | 'AssumedRole' | 'FederatedUser' | 'WebIdentityUser' | 'SAMLUser' | 'Anonymous';

export interface Principal {
  readonly type: PrincipalType;
  readonly account: string;
  readonly arn: string;
  /** CloudTrail principalId / aws:userid: account id for root, AIDA… for users, AROA…:session for sessions. */
  readonly principalId: string;
  readonly accessKeyId: string;
  readonly userName?: string;
  /** For role sessions and federated users: the issuing role or user. */
  readonly sessionIssuer?: { readonly type: 'Role' | 'IAMUser' | 'Root'; readonly principalId: string; readonly arn: string; readonly account: string; readonly userName: string };
  /** Temporary credentials; `mfaAuthTime` (ISO 8601) is when the MFA code was checked, for aws:MultiFactorAuthAge. */
  readonly session?: { readonly creationDate: string; readonly mfaAuthenticated: boolean; readonly mfaAuthTime?: string };
  /**
   * Development profile only: the access key is unknown to Warden, so its signature could not be
   * checked and the caller was taken as the root user of the account the key names.
   */
  readonly unverified?: boolean;
  /** WebIdentityUser / SAMLUser: the identity provider's ARN (trust policies' `Principal: {"Federated": …}`) and CloudTrail's identityProvider (OIDC: host/path; SAML: the name qualifier). */
  readonly federated?: { readonly providerArn: string; readonly provider: string };
  /** Temporary credentials (STS): what the session carries besides its issuer's own policies. */
  readonly sessionData?: SessionData;
}

/** A policy passed when the session was created (inline `Policy` or one of `PolicyArns`), as resolved then. */
export interface SessionPolicy {
  /** `session policy` for the inline one, else the managed policy's ARN. */
  readonly id: string;
  readonly document: string;
}

/** What STS recorded when it issued temporary credentials. */
export interface SessionData {
  /** The STS operation that issued the credentials. */
  readonly issuedBy: 'AssumeRole' | 'GetSessionToken' | 'GetFederationToken' | 'AssumeRoleWithWebIdentity' | 'AssumeRoleWithSAML';
  readonly expiresMs: number;
  readonly policies: readonly SessionPolicy[];
  /** Session tags (aws:PrincipalTag, over the role's tags). */
  readonly tags: Readonly<Record<string, string>>;
  /** Keys of `tags` that pass on when this session assumes another role. */
  readonly transitiveTagKeys: readonly string[];
  readonly sourceIdentity?: string;
  /** Sessions from AssumeRoleWithWebIdentity: the provider (CloudTrail's webIdFederationData, aws:FederatedProvider). */
  readonly webIdentity?: { readonly federatedProvider: string };
}
