/** Who made a request, as resolved by authentication. */
export type PrincipalType = 'Root' | 'IAMUser' | 'AssumedRole' | 'FederatedUser';

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
  readonly session?: { readonly creationDate: string; readonly mfaAuthenticated: boolean };
  /**
   * Development profile only: the access key is unknown to Warden, so its signature could not be
   * checked and the caller was taken as the root user of the account the key names.
   */
  readonly unverified?: boolean;
}
