import type { DecidedBy, DecisionKind, PolicyKind, StatementRef } from './authorizer.js';
import type { CompiledPolicy } from './policy/compile.js';
import type { EvalContext } from './policy/eval-context.js';
import { strongerMatch, type PrincipalMatch } from './policy/principals.js';

/**
 * AWS's policy evaluation logic (IAM UG, reference_policies_evaluation-logic,
 * reference_policies_evaluation-logic-cross-account, access_policies_boundaries; KMS DG,
 * control-access / determining-access):
 * 1. an explicit Deny in any applicable policy wins;
 * 2. every level of the caller's organization path needs an SCP that allows (and of the
 *    resource owner's path an RCP that allows);
 * 3. same account: a resource policy naming the caller (user or session ARN, or `*`) allows on
 *    its own; naming the role of a session it allows within the boundary and session policies;
 *    otherwise identity policies must allow, and the boundary and session policies too;
 * 4. cross account: the resource policy AND the caller's identity side must both allow;
 * 5. KMS key policies and role trust policies must allow in every case — directly, or by naming
 *    the account, which delegates to the account's identity policies; an identity policy alone
 *    never suffices;
 * 6. the root user has every identity permission of its own account; key policies, trust
 *    policies, SCPs and explicit Denies still bind it.
 */
export interface PolicyInput {
  readonly id: string;
  readonly kind: PolicyKind;
  readonly policy: CompiledPolicy;
}

/** How a resource-based policy is weighed (rule 5 for `key` and `trust`). */
export type ResourceRule = 'resource' | 'key' | 'trust';

export interface EvaluationInput {
  readonly ctx: EvalContext;
  readonly identity: readonly PolicyInput[];
  readonly boundary?: PolicyInput;
  readonly session: readonly PolicyInput[];
  readonly resourcePolicy?: PolicyInput;
  readonly rule: ResourceRule;
  readonly scpLevels?: readonly (readonly PolicyInput[])[];
  readonly rcpLevels?: readonly (readonly PolicyInput[])[];
  readonly sameAccount: boolean;
}

export interface Outcome {
  readonly decision: DecisionKind;
  readonly decidedBy: DecidedBy;
  readonly deciding?: StatementRef;
  readonly matched: readonly StatementRef[];
  /** How the resource policy named the caller, if it allowed. */
  readonly resourceMatch?: PrincipalMatch;
}

interface Tally {
  readonly allows: StatementRef[];
  readonly denies: StatementRef[];
  how?: PrincipalMatch;
}

function tally(inputs: readonly PolicyInput[], ctx: EvalContext, matched: StatementRef[]): Tally {
  const t: Tally = { allows: [], denies: [] };
  for (const input of inputs) {
    for (const s of input.policy.statements) {
      const how = s.match(ctx);
      if (how === undefined) continue;
      const ref: StatementRef = { policyKind: input.kind, policyId: input.id, index: s.index, effect: s.effect, ...(s.sid !== undefined ? { sid: s.sid } : {}) };
      matched.push(ref);
      if (s.effect === 'Deny') t.denies.push(ref);
      else {
        t.allows.push(ref);
        t.how = strongerMatch(t.how, how);
      }
    }
  }
  return t;
}

const BY_KIND: Readonly<Record<PolicyKind, DecidedBy>> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  key: 'resource-based policy',
  trust: 'role trust policy',
  boundary: 'permissions boundary',
  session: 'session policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
};

export function evaluate(input: EvaluationInput): Outcome {
  const { ctx } = input;
  const matched: StatementRef[] = [];
  const scp = input.scpLevels?.map((level) => tally(level, ctx, matched));
  const rcp = input.rcpLevels?.map((level) => tally(level, ctx, matched));
  const resource = input.resourcePolicy !== undefined ? tally([input.resourcePolicy], ctx, matched) : undefined;
  const identity = tally(input.identity, ctx, matched);
  const boundary = input.boundary !== undefined ? tally([input.boundary], ctx, matched) : undefined;
  const session = input.session.length > 0 ? tally(input.session, ctx, matched) : undefined;

  const denied = [...(scp ?? []), ...(rcp ?? []), resource, identity, boundary, session].find((t) => t !== undefined && t.denies.length > 0);
  if (denied !== undefined) {
    const ref = denied.denies[0]!;
    return { decision: 'explicitDeny', decidedBy: BY_KIND[ref.policyKind], deciding: ref, matched };
  }
  if (scp?.some((level) => level.allows.length === 0)) return { decision: 'implicitDeny', decidedBy: 'service control policy', matched };
  if (rcp?.some((level) => level.allows.length === 0)) return { decision: 'implicitDeny', decidedBy: 'resource control policy', matched };
  return grant(input, { identity, boundary, session, resource }, matched);
}

interface Tallies {
  readonly identity: Tally;
  readonly boundary: Tally | undefined;
  readonly session: Tally | undefined;
  readonly resource: Tally | undefined;
}

function grant(input: EvaluationInput, t: Tallies, matched: StatementRef[]): Outcome {
  const isRoot = input.ctx.principal.type === 'Root';
  const resourceBy: DecidedBy = input.rule === 'trust' ? 'role trust policy' : 'resource-based policy';
  const how = t.resource?.how;
  const implicit = (decidedBy: DecidedBy): Outcome => ({ decision: 'implicitDeny', decidedBy, matched, ...(how !== undefined ? { resourceMatch: how } : {}) });
  const allowed = (decidedBy: DecidedBy, deciding: StatementRef | undefined): Outcome => ({
    decision: 'allowed',
    decidedBy,
    matched,
    ...(deciding !== undefined ? { deciding } : {}),
    ...(how !== undefined ? { resourceMatch: how } : {}),
  });
  const limits = (): DecidedBy | undefined => {
    if (t.boundary !== undefined && t.boundary.allows.length === 0) return 'permissions boundary';
    if (t.session !== undefined && t.session.allows.length === 0) return 'session policy';
    return undefined;
  };
  const identityChain = (): Outcome => {
    if (!isRoot && t.identity.allows.length === 0) return implicit('identity-based policy');
    const limited = limits();
    if (limited !== undefined) return implicit(limited);
    return allowed(isRoot ? 'root' : 'identity-based policy', t.identity.allows[0]);
  };
  const resourceHit = t.resource?.allows[0];

  if (input.sameAccount) {
    if (how === 'exact' || how === 'wildcard') return allowed(resourceBy, resourceHit);
    if (how === 'issuer') {
      const limited = limits();
      return limited !== undefined ? implicit(limited) : allowed(resourceBy, resourceHit);
    }
    if (how === 'account' || input.rule === 'resource') return identityChain();
    return implicit(resourceBy);
  }
  if (how === undefined) return implicit(resourceBy);
  // Observed on AWS: cross-account, a grant to the account alone with no identity allow is
  // reported as "no resource-based policy allows" (DevelopersIO, 2021, policy-type error messages).
  if (how === 'account' && !isRoot && t.identity.allows.length === 0) return implicit(resourceBy);
  const side = identityChain();
  return side.decision === 'allowed' ? allowed(resourceBy, resourceHit) : side;
}
