import { isoSeconds } from '../core/clock.js';
import type { AuthzRequest, ConditionValue } from '../core/operation.js';
import type { Principal, PrincipalType } from '../core/principal.js';
import type { RequestEnvironment } from './authorizer.js';
import type { EvalContext, PrincipalFacts } from './policy/eval-context.js';

/**
 * The request context policies are evaluated against (IAM UG, reference_policies_condition-keys):
 * the global keys Warden can compute from the principal and the request, merged with the service
 * keys the operation supplies (which win on a clash). Key names are case-insensitive, so they are
 * held lower-cased; values stay as they are.
 */
export interface ContextFacts {
  readonly principal: Principal;
  readonly request: AuthzRequest;
  readonly env: RequestEnvironment;
  /** The account owning the resource (from its ARN, aws:ResourceAccount, or the caller's). */
  readonly resourceAccount: string;
  /** Principal tags (IAM user or role tags, plus session tags). */
  readonly principalTags?: Readonly<Record<string, string>>;
  readonly principalOrgId?: string;
  readonly resourceOrgId?: string;
}

/** aws:PrincipalType values. */
// unverified: aws:PrincipalType while a web identity's trust policy is weighed (AWS documents Account, User, FederatedUser, AssumedRole, Anonymous).
const PRINCIPAL_TYPE: Readonly<Record<PrincipalType, string>> = { Root: 'Account', IAMUser: 'User', AssumedRole: 'AssumedRole', FederatedUser: 'FederatedUser', WebIdentityUser: 'WebIdentityUser', SAMLUser: 'SAMLUser', Anonymous: 'Anonymous' };

export function principalFacts(p: Principal): PrincipalFacts {
  const accountArn = `arn:aws:iam::${p.account}:root`;
  const issuerArn = p.type === 'AssumedRole' || p.type === 'FederatedUser' ? p.sessionIssuer?.arn : undefined;
  return {
    type: p.type,
    arn: p.type === 'Root' ? accountArn : p.arn,
    account: p.account,
    accountArn,
    ...(issuerArn !== undefined ? { issuerArn } : {}),
    ...(p.federated !== undefined ? { federatedArn: p.federated.providerArn } : {}),
  };
}


export function contextValues(f: ContextFacts): Map<string, ConditionValue> {
  const { principal: p, env } = f;
  const m = new Map<string, ConditionValue>();
  const facts = principalFacts(p);
  m.set('aws:currenttime', isoSeconds(env.currentTimeMs));
  m.set('aws:epochtime', String(Math.floor(env.currentTimeMs / 1000)));
  m.set('aws:securetransport', env.secureTransport ? 'true' : 'false');
  if (env.sourceIp !== '') m.set('aws:sourceip', env.sourceIp);
  m.set('aws:requestedregion', env.requestedRegion);
  if (env.userAgent !== '') m.set('aws:useragent', env.userAgent);
  m.set('aws:principalarn', p.type === 'AssumedRole' && facts.issuerArn !== undefined ? facts.issuerArn : facts.arn);
  m.set('aws:principalaccount', p.account);
  m.set('aws:principaltype', PRINCIPAL_TYPE[p.type]);
  m.set('aws:userid', p.principalId);
  if (p.type === 'IAMUser' && p.userName !== undefined) m.set('aws:username', p.userName);
  m.set('aws:resourceaccount', f.resourceAccount);
  m.set('aws:viaawsservice', 'false');
  m.set('aws:principalisawsservice', 'false');
  if (f.principalOrgId !== undefined) m.set('aws:principalorgid', f.principalOrgId);
  // "aws:FederatedProvider … the IdP that the principal was federated through" (role sessions of web identity).
  if (p.sessionData?.webIdentity !== undefined) m.set('aws:federatedprovider', p.sessionData.webIdentity.federatedProvider);
  if (f.resourceOrgId !== undefined) m.set('aws:resourceorgid', f.resourceOrgId);
  // "aws:SourceIdentity … the source identity set on the role session" (present only when one was set).
  if (p.sessionData?.sourceIdentity !== undefined) m.set('aws:sourceidentity', p.sessionData.sourceIdentity);
  // MFA and token keys exist only for temporary credentials (IAM UG: "not present … long-term").
  if (p.session !== undefined) {
    const issued = Date.parse(p.session.creationDate);
    m.set('aws:multifactorauthpresent', p.session.mfaAuthenticated ? 'true' : 'false');
    // Age counts from the MFA check, which a chained role session inherits from its caller.
    const mfaAt = p.session.mfaAuthTime !== undefined ? Date.parse(p.session.mfaAuthTime) : issued;
    if (p.session.mfaAuthenticated && !Number.isNaN(mfaAt)) m.set('aws:multifactorauthage', String(Math.max(0, Math.floor((env.currentTimeMs - mfaAt) / 1000))));
    if (!Number.isNaN(issued)) m.set('aws:tokenissuetime', isoSeconds(issued));
  }
  for (const [k, v] of Object.entries(f.principalTags ?? {})) m.set(`aws:principaltag/${k.toLowerCase()}`, v);
  for (const [k, v] of Object.entries(f.request.conditions ?? {})) m.set(k.toLowerCase(), v);
  return m;
}

/** The evaluation context of one decision; collects the condition keys policies missed. */
export class RequestContext implements EvalContext {
  readonly actionLower: string;
  readonly resource: string;
  readonly principal: PrincipalFacts;
  readonly missing = new Set<string>();
  readonly lookup: (lowerKey: string) => ConditionValue | undefined;
  private computed: ReadonlyMap<string, ConditionValue> | undefined;

  /** `values` defaults to contextValues(facts), computed on the first lookup: most decisions read no condition key. */
  constructor(readonly facts: ContextFacts, values?: ReadonlyMap<string, ConditionValue>) {
    this.computed = values;
    this.actionLower = facts.request.action.toLowerCase();
    this.resource = facts.request.resource;
    this.principal = principalFacts(facts.principal);
    this.lookup = (k) => this.values.get(k);
  }

  get values(): ReadonlyMap<string, ConditionValue> {
    return (this.computed ??= contextValues(this.facts));
  }

  noteMissing(key: string): void {
    this.missing.add(key);
  }
}
