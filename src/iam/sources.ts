import type { Principal } from '../core/principal.js';
import type { ReadTx } from '../store/store.js';
import type { PolicyType } from './policy/types.js';

/** A stored policy document as the engine receives it. */
export interface PolicyDocumentRef {
  /** Policy ARN (managed), or an id naming an inline policy, e.g. `user/alice/inline/ReadOnly`. */
  readonly id: string;
  /** The JSON text as stored (already validated when stored). */
  readonly document: string;
  /** Defaults to `managed` for identity policies, `boundary`, `session`, `scp`, `rcp` by place. */
  readonly type?: PolicyType;
}

/** What applies to one principal besides resource policies. */
export interface PrincipalPolicies {
  /** The user's own and its groups' policies, or the role's (for a role session). */
  readonly identity: readonly PolicyDocumentRef[];
  readonly boundary?: PolicyDocumentRef;
  /** Session policies of a role session or federated user (inline Policy and PolicyArns). */
  readonly session: readonly PolicyDocumentRef[];
  /** aws:PrincipalTag/* — user or role tags, with session tags taking precedence. */
  readonly tags: Readonly<Record<string, string>>;
}

/** Reads a principal's policies from the store. The IAM service implements it over users and roles. */
export interface PrincipalPolicySource {
  policiesFor(tx: ReadTx, principal: Principal): Promise<PrincipalPolicies>;
}

const NONE: PrincipalPolicies = { identity: [], session: [], tags: {} };

/** No IAM entities yet: nobody has identity policies (the root user never has any). */
export const noPrincipalPolicies: PrincipalPolicySource = {
  policiesFor: async () => NONE,
};

/**
 * Organization policies for an account: one list of attached policies per level of its path,
 * root → OUs → account. `undefined` when none apply: the account is in no organization, is the
 * management account (SCPs and RCPs do not affect it), or the policy type is not enabled.
 */
export type PolicyLevels = readonly (readonly PolicyDocumentRef[])[];

export interface OrganizationPolicies {
  serviceControlPolicies(tx: ReadTx, account: string): Promise<PolicyLevels | undefined>;
  resourceControlPolicies(tx: ReadTx, account: string): Promise<PolicyLevels | undefined>;
  /** The organization id for aws:PrincipalOrgID / aws:ResourceOrgID. */
  organizationId(tx: ReadTx, account: string): Promise<string | undefined>;
}

/** Until Organizations exists: every account stands alone. */
export const noOrganization: OrganizationPolicies = {
  serviceControlPolicies: async () => undefined,
  resourceControlPolicies: async () => undefined,
  organizationId: async () => undefined,
};
