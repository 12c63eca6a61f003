import type { PrincipalFacts } from './eval-context.js';
import type { PrincipalSpec } from './types.js';

/**
 * How a statement's Principal named the caller. The evaluation rules differ by kind
 * (IAM UG, reference_policies_evaluation-logic and access_policies_boundaries):
 * - `exact`: the caller's own ARN (IAM user, role session, federated user; the root user's
 *   account principal); in the same account such a grant stands alone.
 * - `wildcard`: `"*"` or `{"AWS": "*"}`: everyone, the caller included.
 * - `issuer`: the role of a role session (or the IAM user of a federated user); in the same
 *   account still limited by permissions boundary and session policies.
 * - `account`: the caller's account (`123456789012` or `arn:aws:iam::123456789012:root`); this
 *   delegates to the account's identity policies, which must allow too.
 */
export type PrincipalMatch = 'exact' | 'wildcard' | 'issuer' | 'account';

const RANK: Readonly<Record<PrincipalMatch, number>> = { exact: 4, wildcard: 3, issuer: 2, account: 1 };

export function strongerMatch(a: PrincipalMatch | undefined, b: PrincipalMatch | undefined): PrincipalMatch | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

export interface PrincipalMatcher {
  /** How the caller is named, or undefined when it is not. */
  match(p: PrincipalFacts): PrincipalMatch | undefined;
}

const ACCOUNT_ID = /^\d{12}$/;

/** AWS stores an account id as its root ARN; matching does the same. */
export const normalisePrincipalId = (id: string): string => (ACCOUNT_ID.test(id) ? `arn:aws:iam::${id}:root` : id);

/**
 * `Federated` names an identity provider (an OIDC or SAML provider ARN, or a public provider's
 * name such as `accounts.google.com`): it matches the web identity (or SAML) user that
 * AssumeRoleWithWebIdentity evaluates the trust policy for, as `exact` — the trust policy alone
 * decides (the provider lives in the role's account).
 */
export function compilePrincipal(spec: PrincipalSpec): PrincipalMatcher {
  if (spec === '*') return { match: () => 'wildcard' };
  const aws = new Set((spec['AWS'] ?? []).map(normalisePrincipalId));
  const federated = new Set(spec['Federated'] ?? []);
  const services = new Set(spec['Service'] ?? []);
  const everyone = aws.has('*');
  return {
    match(p) {
      if (p.federatedArn !== undefined) return federated.has(p.federatedArn) ? 'exact' : undefined;
      if (p.service !== undefined) return services.has(p.service) ? 'exact' : everyone ? 'wildcard' : undefined;
      if (aws.has(p.arn)) return 'exact';
      if (everyone) return 'wildcard';
      if (p.issuerArn !== undefined && aws.has(p.issuerArn)) return 'issuer';
      if (aws.has(p.accountArn)) return 'account';
      return undefined;
    },
  };
}

/**
 * NotPrincipal: the statement applies unless EVERY identity the request carries is listed — the
 * account, the role (for a session) and the caller itself. IAM UG, reference_policies_elements_notprincipal:
 * with Deny, "you must also include the account ARN" (and for a session, the role and session ARNs)
 * to exclude a principal.
 */
export function compileNotPrincipal(spec: PrincipalSpec): PrincipalMatcher {
  if (spec === '*') return { match: () => undefined };
  const aws = new Set((spec['AWS'] ?? []).map(normalisePrincipalId));
  if (aws.has('*')) return { match: () => undefined };
  const federated = new Set(spec['Federated'] ?? []);
  const services = new Set(spec['Service'] ?? []);
  return {
    match(p) {
      if (p.federatedArn !== undefined) return federated.has(p.federatedArn) ? undefined : 'wildcard';
      if (p.service !== undefined) return services.has(p.service) ? undefined : 'wildcard';
      const excluded = aws.has(p.arn) && aws.has(p.accountArn) && (p.issuerArn === undefined || aws.has(p.issuerArn));
      return excluded ? undefined : 'wildcard';
    },
  };
}
