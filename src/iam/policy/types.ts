/**
 * The policy language as Warden holds it after parsing: AWS's grammar
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html), with every
 * single-or-list element normalised to a list and condition values normalised to strings.
 */

/** Where a policy document is used; decides its validation rules and size limit. */
export type PolicyType =
  | 'managed' // customer managed identity policy (also used as a permissions boundary)
  | 'inline-user'
  | 'inline-group'
  | 'inline-role'
  | 'boundary'
  | 'session' // STS session policy (Policy / PolicyArns)
  | 'trust' // role trust (assume-role) policy
  | 'resource' // resource-based policy of a service (secret, bucket, queue, …)
  | 'kms-key' // KMS key policy
  | 'scp' // Organizations service control policy
  | 'rcp'; // Organizations resource control policy

/** Policy types that are identity-based in AWS's sense: they must not name a principal. */
export const IDENTITY_POLICY_TYPES: ReadonlySet<PolicyType> = new Set(['managed', 'inline-user', 'inline-group', 'inline-role', 'boundary', 'session']);

export type PolicyVersion = '2012-10-17' | '2008-10-17';
export type Effect = 'Allow' | 'Deny';

/** `"*"` or a map of principal type (AWS, Service, Federated, CanonicalUser) to identifiers. */
export type PrincipalSpec = '*' | Readonly<Record<string, readonly string[]>>;

export interface ParsedCondition {
  /** As written, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly operator: string;
  /** As written; matched case-insensitively. */
  readonly key: string;
  readonly values: readonly string[];
}

export interface ParsedStatement {
  /** Position in the Statement list, from 0. */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly principal?: PrincipalSpec;
  readonly notPrincipal?: PrincipalSpec;
  readonly conditions: readonly ParsedCondition[];
}

export interface ParsedPolicy {
  /** `2008-10-17` when the document has no Version (AWS's default): no policy variables. */
  readonly version: PolicyVersion;
  readonly id?: string;
  readonly statements: readonly ParsedStatement[];
}

/** One thing wrong with a policy document. AWS reports the first; Warden keeps them all. */
export interface PolicyProblem {
  /** `size`: over the policy type's limit (IAM answers LimitExceeded); `malformed`: everything else. */
  readonly kind: 'malformed' | 'size';
  readonly code: PolicyProblemCode;
  /** AWS's text for this problem and policy type. */
  readonly message: string;
  /** The statement it concerns, from 0. */
  readonly statement?: number;
}

export type PolicyProblemCode =
  | 'syntax'
  | 'size'
  | 'principal-prohibited'
  | 'principal-required'
  | 'principal-invalid'
  | 'field-prohibited'
  | 'actions-required'
  | 'resources-required'
  | 'action-vendor'
  | 'action-colons'
  | 'vendor-invalid'
  | 'resource-format'
  | 'resource-partition'
  | 'resource-legacy'
  | 'sid-duplicate'
  | 'sid-format'
  | 'condition-operator'
  | 'policy-type';

/** The result of parsing and validating: a policy Warden may store, or why not. */
export type PolicyCheck = { readonly ok: true; readonly policy: ParsedPolicy } | { readonly ok: false; readonly problems: readonly PolicyProblem[] };
