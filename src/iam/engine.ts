import type { AuthzRequest, ConditionValue } from '../core/operation.js';
import type { Principal } from '../core/principal.js';
import type { ReadTx } from '../store/store.js';
import { accountOfArn, type Authorizer, type Decision, type PolicyKind, type RequestEnvironment } from './authorizer.js';
import { RequestContext } from './context.js';
import { evaluate, type PolicyInput, type ResourceRule } from './evaluate.js';
import { toDecision } from './explain.js';
import { PolicyCache } from './policy/compile.js';
import type { PolicyType } from './policy/types.js';
import { noOrganization, noPrincipalPolicies, type OrganizationPolicies, type PolicyDocumentRef, type PolicyLevels, type PrincipalPolicies, type PrincipalPolicySource } from './sources.js';

/** Everything one decision needs, already read from the store. */
export interface DecisionInput {
  readonly principal: Principal;
  readonly request: AuthzRequest;
  readonly env: RequestEnvironment;
  readonly policies: PrincipalPolicies;
  readonly scps?: PolicyLevels;
  readonly rcps?: PolicyLevels;
  readonly principalOrgId?: string;
  readonly resourceOrgId?: string;
  /**
   * The Policy Simulator's request context: exactly these keys (lower-cased), instead of the global
   * keys computed from the principal and the request. AWS's simulator supplies only what the caller
   * passes as ContextEntries (IAM UG, access_policies_testing-policies: "If you leave the value for a
   * condition key empty, then that key is ignored during the simulation").
   */
  readonly context?: ReadonlyMap<string, ConditionValue>;
  /** The resource's account when the caller names it (the simulator's ResourceOwner). */
  readonly resourceAccount?: string;
}

const TRUST_ACTIONS = new Set(['sts:assumerole', 'sts:assumerolewithsaml', 'sts:assumerolewithwebidentity', 'sts:tagsession', 'sts:setsourceidentity', 'sts:setcontext']);
const KEY_ARN = /^arn:[^:]+:kms:[^:]*:\d{12}:key\//;
const ROLE_ARN = /^arn:[^:]+:iam::\d{12}:role\//;

/** KMS's key-policy rule applies to kms: actions on keys; trust policies to assuming a role. */
export function resourceRuleFor(action: string, resource: string): ResourceRule {
  const a = action.toLowerCase();
  if (a.startsWith('kms:') && KEY_ARN.test(resource)) return 'key';
  if (TRUST_ACTIONS.has(a) && ROLE_ARN.test(resource)) return 'trust';
  return 'resource';
}

const RESOURCE_POLICY: Readonly<Record<ResourceRule, { type: PolicyType; kind: PolicyKind; id: string }>> = {
  resource: { type: 'resource', kind: 'resource', id: 'resource policy' },
  key: { type: 'kms-key', kind: 'key', id: 'key policy' },
  trust: { type: 'trust', kind: 'trust', id: 'trust policy' },
};

function single(v: string | readonly string[] | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The account owning the resource: from its ARN, else aws:ResourceAccount, else the caller's. */
export function resourceAccountOf(principal: Principal, req: AuthzRequest): string {
  const supplied = req.conditions === undefined ? undefined : Object.entries(req.conditions).find(([k]) => k.toLowerCase() === 'aws:resourceaccount')?.[1];
  return accountOfArn(req.resource) ?? single(supplied) ?? principal.account;
}

/**
 * GetFederationToken's credentials "cannot … call any IAM API operations" nor "any STS API
 * operations except GetCallerIdentity" (API_GetFederationToken), whatever their policies say.
 */
function federationBars(p: Principal, action: string): boolean {
  if (p.type !== 'FederatedUser' || p.sessionData?.issuedBy !== 'GetFederationToken') return false;
  const a = action.toLowerCase();
  return a.startsWith('iam:') || a.startsWith('sts:');
}

/** The policy engine: compiles documents once (cached by content) and decides as AWS does. */
export class PolicyEngine {
  constructor(readonly cache: PolicyCache = new PolicyCache()) {}

  /** Synchronous and pure given its input; never throws on a stored policy. */
  decideWith(input: DecisionInput): Decision {
    const { principal, request } = input;
    const resourceAccount = input.resourceAccount ?? resourceAccountOf(principal, request);
    const facts = {
      principal,
      request,
      env: input.env,
      resourceAccount,
      principalTags: input.policies.tags,
      ...(input.principalOrgId !== undefined ? { principalOrgId: input.principalOrgId } : {}),
      ...(input.resourceOrgId !== undefined ? { resourceOrgId: input.resourceOrgId } : {}),
    };
    const ctx = input.context !== undefined ? new RequestContext(facts, input.context) : new RequestContext(facts);
    const rule = resourceRuleFor(request.action, request.resource);
    const rp = RESOURCE_POLICY[rule];
    if (federationBars(principal, request.action)) {
      // unverified: which policy type AWS's AccessDenied text names for this documented restriction.
      const outcome = { decision: 'implicitDeny' as const, decidedBy: 'session policy' as const, matched: [] };
      return toDecision(outcome, { principalArn: principal.arn, action: request.action, resource: request.resource, missingContextKeys: [], resourcePolicyPresent: false, sameAccount: resourceAccount === principal.account });
    }
    const compile = (ref: PolicyDocumentRef, kind: PolicyKind, type: PolicyType): PolicyInput => ({ id: ref.id, kind, policy: this.cache.get(ref.document, ref.type ?? type) });
    const levels = (l: PolicyLevels | undefined, kind: PolicyKind): PolicyInput[][] | undefined => l?.map((level) => level.map((r) => compile(r, kind, kind === 'scp' ? 'scp' : 'rcp')));
    const p = input.policies;
    const sameAccount = resourceAccount === principal.account;
    const scpLevels = levels(input.scps, 'scp');
    const rcpLevels = levels(input.rcps, 'rcp');
    const outcome = evaluate({
      ctx,
      rule,
      sameAccount,
      identity: p.identity.map((r) => compile(r, 'identity', 'managed')),
      session: p.session.map((r) => compile(r, 'session', 'session')),
      ...(p.boundary !== undefined ? { boundary: compile(p.boundary, 'boundary', 'boundary') } : {}),
      ...(request.resourcePolicy !== undefined ? { resourcePolicy: compile({ id: rp.id, document: request.resourcePolicy }, rp.kind, rp.type) } : {}),
      ...(scpLevels !== undefined ? { scpLevels } : {}),
      ...(rcpLevels !== undefined ? { rcpLevels } : {}),
    });
    return toDecision(outcome, {
      principalArn: principal.arn,
      action: request.action,
      resource: request.resource,
      missingContextKeys: [...ctx.missing],
      resourcePolicyPresent: request.resourcePolicy !== undefined,
      sameAccount,
    });
  }
}

export interface EngineAuthorizerOptions {
  readonly policies?: PrincipalPolicySource;
  readonly organizations?: OrganizationPolicies;
  readonly engine?: PolicyEngine;
}

/** Warden's Authorizer: reads the principal's and the organization's policies, then decides. */
export function createEngineAuthorizer(opts: EngineAuthorizerOptions = {}): Authorizer & { readonly engine: PolicyEngine } {
  const policies = opts.policies ?? noPrincipalPolicies;
  const orgs = opts.organizations ?? noOrganization;
  const engine = opts.engine ?? new PolicyEngine();
  return {
    engine,
    async decide(principal: Principal, request: AuthzRequest, env: RequestEnvironment, tx: ReadTx): Promise<Decision> {
      if (orgs === noOrganization) {
        // No organization source (the usual case): one read, no Promise.all over four constant answers.
        return engine.decideWith({ principal, request, env, policies: await policies.policiesFor(tx, principal) });
      }
      const resourceAccount = resourceAccountOf(principal, request);
      const [pp, scps, rcps, principalOrgId, resourceOrgId] = await Promise.all([
        policies.policiesFor(tx, principal),
        orgs.serviceControlPolicies(tx, principal.account),
        orgs.resourceControlPolicies(tx, resourceAccount),
        orgs.organizationId(tx, principal.account),
        orgs.organizationId(tx, resourceAccount),
      ]);
      return engine.decideWith({
        principal,
        request,
        env,
        policies: pp,
        ...(scps !== undefined ? { scps } : {}),
        ...(rcps !== undefined ? { rcps } : {}),
        ...(principalOrgId !== undefined ? { principalOrgId } : {}),
        ...(resourceOrgId !== undefined ? { resourceOrgId } : {}),
      });
    },
  };
}
