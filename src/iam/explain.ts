import type { AuthzRequest } from '../core/operation.js';
import type { Principal } from '../core/principal.js';
import type { DecidedBy, Decision, StatementRef } from './authorizer.js';
import type { Outcome } from './evaluate.js';

/**
 * Decisions for people and AWS's AccessDenied texts.
 *
 * AccessDenied texts (IAM UG, troubleshoot_access-denied, current version): "User: <arn> is not
 * authorized to perform: <action> on resource: <resource> because no <type> allows the <action>
 * action" / "… with an explicit deny in a(n) <type>", e.g. "with an explicit deny in an
 * identity-based policy", "… in a resource-based policy", "… in a service control policy",
 * "… in a resource control policy", "… in a permissions boundary", "… in a sessions policy" (sic,
 * in both the 2023 and the current page), "… in the role trust policy"; implicit: "because no
 * identity-based policy / resource-based policy / service control policy / permissions boundary /
 * session policy / role trust policy allows the <action> action". " on resource: …" is left out
 * for actions on `*` (the page's codecommit:ListRepositories examples).
 *
 * KMS uses the same form (AccessDeniedException); a key-policy failure names the key policy as a
 * resource-based policy: "User: arn:aws:sts::111122223333:assumed-role/r/s is not authorized to
 * perform: kms:Decrypt on resource: arn:aws:kms:…:key/… because no resource-based policy allows the
 * kms:Decrypt action" (jbrt/ec2cryptomatic#26, 4dn-dcic/tibanna#402; explicit form in
 * aws/aws-nitro-enclaves-sdk-c#157), and with the key policy delegating to IAM but no IAM allow,
 * "… because no identity-based policy allows the kms:Decrypt action" (cattle-ops/terraform-aws-gitlab-runner#1253).
 */
const EXPLICIT_PHRASE: Readonly<Record<Exclude<DecidedBy, 'root'>, string>> = {
  'identity-based policy': 'an identity-based policy',
  'resource-based policy': 'a resource-based policy',
  'role trust policy': 'the role trust policy',
  'service control policy': 'a service control policy',
  'resource control policy': 'a resource control policy',
  'permissions boundary': 'a permissions boundary',
  'session policy': 'a sessions policy',
};

/** AWS's AccessDenied text for a denied decision (the 2021+ form that names the policy type). */
export function accessDeniedMessage(principal: Principal, req: AuthzRequest, d: Pick<Decision, 'explicitDeny' | 'decidedBy'>): string {
  const on = req.resource === '*' ? '' : ` on resource: ${req.resource}`;
  const type = d.decidedBy === 'root' ? 'identity-based policy' : d.decidedBy;
  // An implicit deny in a resource control policy has no documented text; AWS documents only its explicit form.
  const because = d.explicitDeny ? `with an explicit deny in ${EXPLICIT_PHRASE[type]}` : `because no ${type} allows the ${req.action} action`;
  return `User: ${principal.arn} is not authorized to perform: ${req.action}${on} ${because}`;
}

/** `Sid "x" (statement 2) of arn:…` — how a statement is named in explanations. */
export function describeStatement(s: StatementRef): string {
  const name = s.sid !== undefined && s.sid !== '' ? `statement "${s.sid}" (#${s.index})` : `statement #${s.index}`;
  return `${name} of ${s.policyId}`;
}

export interface ExplainFacts {
  readonly principalArn: string;
  readonly action: string;
  readonly resource: string;
  readonly missingContextKeys: readonly string[];
  readonly resourcePolicyPresent: boolean;
  readonly sameAccount: boolean;
}

export function toDecision(o: Outcome, f: ExplainFacts): Decision {
  return {
    allowed: o.decision === 'allowed',
    explicitDeny: o.decision === 'explicitDeny',
    decision: o.decision,
    decidedBy: o.decidedBy,
    ...(o.deciding !== undefined ? { decidingStatement: o.deciding } : {}),
    matchedStatements: o.matched,
    missingContextKeys: f.missingContextKeys,
    explanation: explanation(o, f),
    principalArn: f.principalArn,
    action: f.action,
    resource: f.resource,
  };
}

function explanation(o: Outcome, f: ExplainFacts): string {
  const what = `${f.principalArn} → ${f.action} on ${f.resource}`;
  const missing = f.missingContextKeys.length > 0 ? ` Context keys not in the request: ${f.missingContextKeys.join(', ')}.` : '';
  switch (o.decision) {
    case 'explicitDeny':
      return `${what}: explicitly denied by ${describeStatement(o.deciding!)} (${o.decidedBy}).${missing}`;
    case 'allowed':
      if (o.decidedBy === 'root') return `${what}: allowed — the root user has full access to its own account and nothing denies it.${missing}`;
      return `${what}: allowed by ${o.deciding !== undefined ? describeStatement(o.deciding) : o.decidedBy} (${o.decidedBy}${grantNote(o, f)}).${missing}`;
    case 'implicitDeny':
      return `${what}: implicitly denied — no ${o.decidedBy} allows it${denyNote(o, f)}.${missing}`;
  }
}

function grantNote(o: Outcome, f: ExplainFacts): string {
  if (o.resourceMatch === undefined || o.decidedBy === 'identity-based policy') return '';
  if (!f.sameAccount) return ', with the caller\'s identity policies, across accounts';
  return o.resourceMatch === 'issuer' ? ', naming the role, within its boundary and session policies' : ', naming the caller';
}

function denyNote(o: Outcome, f: ExplainFacts): string {
  switch (o.decidedBy) {
    case 'resource-based policy':
    case 'role trust policy':
      if (!f.resourcePolicyPresent) return ' (there is none)';
      if (o.resourceMatch === 'account') return ' (it delegates to the caller\'s account, whose identity policies do not allow it)';
      return f.sameAccount ? ' (it neither names the caller nor delegates to its account)' : ' (cross-account access needs it)';
    case 'service control policy':
      return ' at some level of the organization path';
    default:
      return o.matched.length === 0 ? ' (no statement matched)' : '';
  }
}
