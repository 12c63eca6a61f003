/**
 * The IAM Policy Simulator (SimulateCustomPolicy, SimulatePrincipalPolicy, GetContextKeysFor*):
 * the documents a simulation weighs, run through the same `PolicyEngine.decideWith` that decides
 * every request, and AWS's result shapes built from its Decision.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html
 *
 * Result fields as recorded against AWS (boto3 and AWS CLI outputs quoted in user write-ups: the
 * Ministry of Justice Digital blog on the simulator and resource policies, smoketurner/iam-policy
 * tests, the AWS CLI's simulate-principal-policy example): custom policies are named
 * `PolicyInputList.<n>` (from 1), the resource policy `ResourcePolicy`; stored policies by their
 * name (`AdministratorAccess`, an inline policy's name); SourcePolicyType is `IAM Policy` for
 * identity policies and `Resource Policy` for the resource policy — not the model's enum.
 */
import type { ConditionValue } from '../../core/operation.js';
import type { Principal } from '../../core/principal.js';
import type { Decision, RequestEnvironment, StatementRef } from '../../iam/authorizer.js';
import { PolicyEngine } from '../../iam/engine.js';
import { accountOfArn } from '../../iam/authorizer.js';
import { policyContextKeys } from '../../iam/policy/context-keys.js';
import { statementSpans, type StatementSpan } from '../../iam/policy/positions.js';
import type { ParsedPolicy, PolicyType } from '../../iam/policy/types.js';
import { checkPolicy } from '../../iam/policy/validate.js';
import type { PolicyDocumentRef } from '../../iam/sources.js';
import { InvalidInputException, malformed } from './errors.js';
import type { ContextEntry, EvaluationResult, PolicySourceType, ResourceSpecificResult, SimulatePolicyResponse, Statement } from './model.gen.js';
import { pageFields, paginate, type PageInput } from './paging.js';

/** One engine for all simulations: its compiled-policy cache is shared by every request. */
const engine = new PolicyEngine();

// SourcePolicyType strings seen in AWS's responses (see above); the boundary's from a user's
// recorded output ("Permissions Boundary Policy", dfirmatt/writ docs). // unverified for the boundary
// AWS answers strings outside its own model's PolicySourceType enum, hence the casts.
export const IDENTITY_SOURCE = 'IAM Policy' as PolicySourceType;
const RESOURCE_SOURCE = 'Resource Policy' as PolicySourceType;
const BOUNDARY_SOURCE = 'Permissions Boundary Policy' as PolicySourceType;

/** A document in a simulation, with how AWS names it in MatchedStatements. */
export interface SimulatedPolicy {
  readonly ref: PolicyDocumentRef;
  readonly sourceId: string;
  readonly sourceType: PolicySourceType;
}

export interface Simulation {
  readonly caller: Principal;
  readonly identity: readonly SimulatedPolicy[];
  readonly boundary?: SimulatedPolicy;
  readonly resourcePolicy?: string;
  /** From ResourceOwner: the account of resources whose ARN names none. */
  readonly resourceOwner?: string;
  readonly context: ReadonlyMap<string, ConditionValue>;
}

export interface SimulationRequest extends PageInput {
  readonly ActionNames: readonly string[];
  readonly ResourceArns?: readonly string[];
}

// Error texts: AWS's are not recorded for these cases. // unverified
export const invalidInput = (message: string): Error => new InvalidInputException(message);

/** Validates documents passed as strings for their policy type; AWS's MalformedPolicyDocument texts. */
export function checkDocuments(texts: readonly string[] | undefined, type: PolicyType): ParsedPolicy[] {
  return (texts ?? []).map((text) => {
    // Differs from AWS: IAM's per-type size quotas are not applied to simulated documents (the model's 131,072 still is).
    const r = checkPolicy(text, type, { skipSizeLimit: true });
    if (!r.ok) throw malformed(r.problems[0]!.message);
    return r.policy;
  });
}

/** `PolicyInputList.<n>` documents as identity policies. */
export function inputPolicies(texts: readonly string[] | undefined): SimulatedPolicy[] {
  checkDocuments(texts, 'managed');
  return (texts ?? []).map((document, i) => {
    const id = `PolicyInputList.${i + 1}`;
    return { ref: { id, document }, sourceId: id, sourceType: IDENTITY_SOURCE };
  });
}

/** PermissionsBoundaryPolicyInputList: at most one document ("You can input only one permissions boundary"). */
export function inputBoundary(texts: readonly string[] | undefined): SimulatedPolicy | undefined {
  if (texts === undefined || texts.length === 0) return undefined;
  if (texts.length > 1) throw invalidInput('Only one permissions boundary policy may be simulated.'); // unverified
  checkDocuments(texts, 'boundary');
  const id = 'PermissionsBoundaryPolicyInputList.1';
  return { ref: { id, document: texts[0]!, type: 'boundary' }, sourceId: id, sourceType: BOUNDARY_SOURCE };
}

/** A stored policy (inline id `user/alice/inline/name`, or a managed policy ARN) named as AWS names it. */
export function storedPolicy(ref: PolicyDocumentRef, boundary = false): SimulatedPolicy {
  const inline = ref.id.indexOf('/inline/');
  const name = inline >= 0 ? ref.id.slice(inline + '/inline/'.length) : ref.id.slice(ref.id.lastIndexOf('/') + 1);
  return { ref, sourceId: name, sourceType: boundary ? BOUNDARY_SOURCE : IDENTITY_SOURCE };
}

const USER_ARN = /^arn:aws:iam::(\d{12}):user\/(?:.*\/)?([\w+=,.@-]+)$/;

/** CallerArn: "You can specify only the ARN of an IAM user." */
export function callerFromArn(arn: string, principalId?: string): Principal {
  const m = USER_ARN.exec(arn);
  if (m === null) throw invalidInput(`Invalid CallerArn: ${arn}. CallerArn must be the ARN of an IAM user.`); // unverified
  return { type: 'IAMUser', account: m[1]!, arn, principalId: principalId ?? `simulated:${arn}`, accessKeyId: '', userName: m[2]! };
}

/** ResourceOwner: an account ARN (`arn:aws:iam::<account>:root`), or the bare account id. */
export function ownerAccount(owner: string | undefined): string | undefined {
  if (owner === undefined) return undefined;
  const m = /^(?:arn:aws:iam::)?(\d{12})(?::root)?$/.exec(owner);
  if (m === null) throw invalidInput(`Invalid ResourceOwner: ${owner}.`); // unverified
  return m[1];
}

const LIST_TYPES = new Set(['stringList', 'numericList', 'booleanList', 'ipList', 'binaryList', 'dateList']);

/**
 * ContextEntries → the request context. Values stay text, as the engine's operators parse them per
 * operator (String, Numeric, Bool, IpAddress, Binary (base64), Date); list types are multivalued
 * keys, the others single-valued. Only what the caller passes: the simulator adds no global keys.
 */
// Differs from AWS: values are not checked against their ContextKeyType; one that does not parse never matches.
export function contextOf(entries: readonly ContextEntry[] | undefined): Map<string, ConditionValue> {
  const m = new Map<string, ConditionValue>();
  for (const e of entries ?? []) {
    if (e.ContextKeyName === undefined) continue;
    const values = e.ContextKeyValues ?? [];
    const list = e.ContextKeyType !== undefined && LIST_TYPES.has(e.ContextKeyType);
    m.set(e.ContextKeyName.toLowerCase(), list || values.length !== 1 ? [...values] : values[0]!);
  }
  return m;
}

/** Context keys the documents refer to, each once (GetContextKeysFor*Policy). */
export function contextKeyNames(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const text of texts) {
    const r = checkPolicy(text, 'managed', { skipSizeLimit: true });
    if (!r.ok) continue;
    for (const k of policyContextKeys(r.policy)) {
      if (seen.has(k.toLowerCase())) continue;
      seen.add(k.toLowerCase());
      out.push(k);
    }
  }
  return out;
}

// The simulator computes no global keys; the engine still wants an environment.
const NO_ENV: RequestEnvironment = { sourceIp: '', secureTransport: false, currentTimeMs: 0, requestedRegion: '', userAgent: '' };

/** Runs every action on every resource (default `*`) and answers one page of results. */
export function simulate(sim: Simulation, req: SimulationRequest): SimulatePolicyResponse {
  if (sim.resourcePolicy !== undefined) checkDocuments([sim.resourcePolicy], 'resource');
  const sources = new Map<string, SimulatedPolicy>();
  // Keyed by kind too: a managed policy may be both attached and the boundary.
  for (const p of sim.identity) sources.set(`identity ${p.ref.id}`, p);
  if (sim.boundary !== undefined) sources.set(`boundary ${sim.boundary.ref.id}`, sim.boundary);
  const named = new Namer(sources, sim.resourcePolicy);
  const resources = req.ResourceArns !== undefined && req.ResourceArns.length > 0 ? req.ResourceArns : ['*'];
  const results: EvaluationResult[] = [];
  for (const action of req.ActionNames) {
    for (const resource of resources) results.push(evaluationResult(sim, action, resource, named));
  }
  const keyed = results.map((r, i) => ({ r, key: String(i).padStart(8, '0') }));
  const page = paginate(keyed, (k) => k.key, req);
  return { EvaluationResults: page.items.map((k) => k.r), ...pageFields(page) };
}

function evaluationResult(sim: Simulation, action: string, resource: string, named: Namer): EvaluationResult {
  const resourceAccount = accountOfArn(resource) ?? sim.resourceOwner ?? sim.caller.account;
  const d = engine.decideWith({
    principal: sim.caller,
    request: { action, resource, ...(sim.resourcePolicy !== undefined ? { resourcePolicy: sim.resourcePolicy } : {}) },
    env: NO_ENV,
    policies: { identity: sim.identity.map((p) => p.ref), session: [], tags: {}, ...(sim.boundary !== undefined ? { boundary: sim.boundary.ref } : {}) },
    context: sim.context,
    resourceAccount,
  });
  // Every statement that matched, in the engine's order (resource policy first, then identity, then
  // boundary). The API reference says a deny is then "the only entry", but AWS's recorded answers
  // list the resource policy's Deny and the identity policy's Allow together (MoJ Digital blog).
  const matched = d.matchedStatements.map((s) => named.statement(s));
  const crossAccount = resourceAccount !== sim.caller.account;
  const details = decisionDetails(d, resource, crossAccount);
  const boundary = sim.boundary === undefined ? {} : { PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: sideOf(d, ['boundary']) === 'allowed' } };
  const specific = resource !== '*';
  const perResource: ResourceSpecificResult = {
    EvalResourceName: resource,
    EvalResourceDecision: d.decision,
    MatchedStatements: matched,
    MissingContextValues: [...d.missingContextKeys],
    ...details,
    ...boundary,
  };
  return {
    EvalActionName: action,
    EvalResourceName: resource,
    EvalDecision: d.decision,
    MatchedStatements: matched,
    // "If you include a list of resources, then any missing context values are instead included under the ResourceSpecificResults section."
    MissingContextValues: specific ? [] : [...d.missingContextKeys],
    ...details,
    ...boundary,
    ...(specific ? { ResourceSpecificResults: [perResource] } : {}),
  };
}

type Side = 'allowed' | 'explicitDeny' | 'implicitDeny';

function sideOf(d: Decision, kinds: readonly StatementRef['policyKind'][]): Side {
  const mine = d.matchedStatements.filter((s) => kinds.includes(s.policyKind));
  if (mine.some((s) => s.effect === 'Deny')) return 'explicitDeny';
  return mine.some((s) => s.effect === 'Allow') ? 'allowed' : 'implicitDeny';
}

/**
 * EvalDecisionDetails (API_EvaluationResult): "populated for only cross-account simulations …
 * If the simulation evaluates policies within the same account and includes a resource ARN, then
 * the parameter is present but the response is empty. … specifies all resources (*), then the
 * parameter is not returned." Cross-account: each side's decision under its SourcePolicyType.
 */
// unverified: the keys of a cross-account EvalDecisionDetails.
function decisionDetails(d: Decision, resource: string, crossAccount: boolean): { EvalDecisionDetails?: Record<string, Side> } {
  if (crossAccount) return { EvalDecisionDetails: { [IDENTITY_SOURCE]: sideOf(d, ['identity']), [RESOURCE_SOURCE]: sideOf(d, ['resource', 'key', 'trust']) } };
  return resource === '*' ? {} : { EvalDecisionDetails: {} };
}

/** Turns the engine's statement references into AWS's Statement with positions in the original text. */
class Namer {
  private readonly spans = new Map<string, StatementSpan[]>();
  constructor(
    private readonly sources: ReadonlyMap<string, SimulatedPolicy>,
    private readonly resourcePolicy: string | undefined,
  ) {}

  statement(s: StatementRef): Statement {
    const resource = s.policyKind === 'resource' || s.policyKind === 'key' || s.policyKind === 'trust';
    const src = resource ? undefined : this.sources.get(`${s.policyKind} ${s.policyId}`);
    const text = resource ? this.resourcePolicy : src?.ref.document;
    const out: Statement = resource
      ? { SourcePolicyId: 'ResourcePolicy', SourcePolicyType: RESOURCE_SOURCE }
      : { SourcePolicyId: src?.sourceId ?? s.policyId, SourcePolicyType: src?.sourceType ?? IDENTITY_SOURCE };
    if (text === undefined) return out;
    let spans = this.spans.get(text);
    if (spans === undefined) {
      spans = statementSpans(text);
      this.spans.set(text, spans);
    }
    const span = spans[s.index];
    return span === undefined ? out : { ...out, StartPosition: span.start, EndPosition: span.end };
  }
}
