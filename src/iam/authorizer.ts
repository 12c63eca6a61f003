import type { AuthzRequest } from '../core/operation.js';
import type { Principal } from '../core/principal.js';
import type { ReadTx } from '../store/store.js';
import type { Effect } from './policy/types.js';

/**
 * Which kind of policy decided, in the words AWS's AccessDenied messages use
 * (IAM UG, troubleshoot_access-denied). `root`: the root user's own full access.
 */
export type DecidedBy =
  | 'root'
  | 'identity-based policy'
  | 'resource-based policy'
  | 'role trust policy'
  | 'service control policy'
  | 'resource control policy'
  | 'permissions boundary'
  | 'session policy';

export type DecisionKind = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** The kinds of policy a decision weighs; `key` is a KMS key policy, `trust` a role trust policy. */
export type PolicyKind = 'identity' | 'resource' | 'key' | 'trust' | 'boundary' | 'session' | 'scp' | 'rcp';

/** One statement that took part in a decision. */
export interface StatementRef {
  readonly policyKind: PolicyKind;
  /** Policy ARN, an inline policy's id, or `resource policy` / `key policy` / `trust policy`. */
  readonly policyId: string;
  readonly sid?: string;
  /** Position in the policy's Statement list, from 0. */
  readonly index: number;
  readonly effect: Effect;
}

export interface Decision {
  readonly allowed: boolean;
  readonly explicitDeny: boolean;
  readonly decision: DecisionKind;
  /** For a denial the policy type AWS's message names; for an allow the type that granted. */
  readonly decidedBy: DecidedBy;
  /** The statement that decided: the explicit Deny, or the Allow that granted. */
  readonly decidingStatement?: StatementRef;
  /** Every statement whose action, resource, principal and conditions matched. */
  readonly matchedStatements: readonly StatementRef[];
  /** Condition keys some statement asked for that the request did not carry. */
  readonly missingContextKeys: readonly string[];
  /** Why, for people: stored with the audit event and shown by `warden explain`. */
  readonly explanation: string;
  readonly principalArn: string;
  readonly action: string;
  readonly resource: string;
}

/** The request facts global condition keys are computed from. */
export interface RequestEnvironment {
  readonly sourceIp: string;
  readonly secureTransport: boolean;
  readonly currentTimeMs: number;
  readonly requestedRegion: string;
  readonly userAgent: string;
}

/** The one place that decides whether a principal may perform an action on a resource. */
export interface Authorizer {
  /** `tx` reads the principal's policies (and the organization's) from the store. */
  decide(principal: Principal, req: AuthzRequest, env: RequestEnvironment, tx: ReadTx): Promise<Decision>;
}

/**
 * The account field of an ARN, or undefined for `*`, ARNs without one (S3 buckets) and resources
 * AWS itself owns (`arn:aws:iam::aws:policy/…`, AWS managed policies), which every account reads
 * as its own.
 */
export function accountOfArn(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const account = arn.split(':', 5)[4];
  return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
}

export { accessDeniedMessage } from './explain.js';
