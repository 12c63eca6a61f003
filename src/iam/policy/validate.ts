import { familyOf, problem } from './messages.js';
import { parseOperatorName } from './operators.js';
import { parsePolicy } from './parse.js';
import { IDENTITY_POLICY_TYPES, type ParsedStatement, type PolicyCheck, type PolicyProblem, type PolicyType, type PrincipalSpec } from './types.js';

/**
 * What each policy type accepts (IAM UG, reference_policies_grammar, access_policies and
 * reference_iam-quotas; KMS DG, key-policy-overview; Organizations UG, orgs_reference_scp-syntax).
 */

/**
 * Size limits. IAM: managed policy 6,144 characters, inline policies 2,048 (user) / 5,120 (group)
 * / 10,240 (role) in aggregate per identity, role trust policy 2,048 — "IAM doesn't count white
 * space" (IAM UG, reference_iam-quotas). STS session policies 2,048 characters (API_AssumeRole).
 * KMS key policy 32 KB (KMS DG, resource-limits; the 2026 botocore model allows 131,072 — Warden
 * keeps the documented 32,768 bytes). SCPs and RCPs 5,120 characters, white space counted when
 * saved through the API (Organizations UG, orgs_reference_limits).
 */
export const POLICY_SIZE_LIMITS: Readonly<Record<PolicyType, number | undefined>> = {
  managed: 6144,
  boundary: 6144,
  'inline-user': 2048,
  'inline-group': 5120,
  'inline-role': 10240,
  trust: 2048,
  session: 2048,
  'kms-key': 32768,
  scp: 5120,
  rcp: 5120,
  resource: undefined,
};

/** The size AWS measures for the type: IAM drops white space outside strings, KMS counts bytes. */
export function policySize(text: string, type: PolicyType): number {
  if (type === 'kms-key') return Buffer.byteLength(text, 'utf8');
  if (type === 'scp' || type === 'rcp' || type === 'session') return text.length;
  let size = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      size++;
      if (ch === '\\') {
        size++;
        i++;
      } else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      size++;
    } else if (ch !== ' ' && ch !== '\n' && ch !== '\r' && ch !== '\t') size++;
  }
  return size;
}

export interface CheckOptions {
  /** For documents already stored: the service enforced its size limit when it stored them. */
  readonly skipSizeLimit?: boolean;
}

/** Parses and validates a policy document for its type. Problems come in the order AWS checks. */
export function checkPolicy(text: string, type: PolicyType, opts: CheckOptions = {}): PolicyCheck {
  const limit = POLICY_SIZE_LIMITS[type];
  if (!opts.skipSizeLimit && limit !== undefined && policySize(text, type) > limit) {
    return { ok: false, problems: [problem(type, 'size', { value: String(limit) })] };
  }
  const parsed = parsePolicy(text, type);
  if (!parsed.ok) return parsed;
  const problems: PolicyProblem[] = [];
  for (const s of parsed.policy.statements) problems.push(...checkStatement(s, type));
  problems.push(...checkSids(parsed.policy.statements, type));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, policy: parsed.policy };
}

function checkStatement(s: ParsedStatement, type: PolicyType): PolicyProblem[] {
  const at = { statement: s.index };
  const out: PolicyProblem[] = [];
  const family = familyOf(type);
  const hasPrincipal = s.principal !== undefined || s.notPrincipal !== undefined;
  if (IDENTITY_POLICY_TYPES.has(type) || type === 'scp') {
    if (hasPrincipal) out.push(problem(type, 'principal-prohibited', at));
  } else if (!hasPrincipal) out.push(problem(type, 'principal-required', at));
  else out.push(...checkPrincipal(s.principal ?? s.notPrincipal!, type, s.index));
  if (type === 'trust') {
    if (s.resource !== undefined) out.push(problem(type, 'field-prohibited', { ...at, field: 'Resource' }));
    if (s.notResource !== undefined) out.push(problem(type, 'field-prohibited', { ...at, field: 'NotResource' }));
  }
  // KMS accepts statements without Action or Resource; they are ineffective (KMS API, PutKeyPolicy).
  const actions = s.action ?? s.notAction;
  if ((actions === undefined || actions.length === 0) && family !== 'kms') out.push(problem(type, 'actions-required', at));
  const resources = s.resource ?? s.notResource;
  if ((resources === undefined || resources.length === 0) && family !== 'kms' && type !== 'trust') out.push(problem(type, 'resources-required', at));
  for (const a of actions ?? []) out.push(...checkAction(a, type, s.index));
  for (const r of resources ?? []) out.push(...checkResource(r, type, s.index));
  for (const c of s.conditions) {
    if (parseOperatorName(c.operator) === undefined) out.push(problem(type, 'condition-operator', { ...at, value: c.operator }));
    else if (!c.key.includes(':')) out.push(problem(type, 'action-vendor', at));
  }
  return out;
}

const VENDOR = /^[a-zA-Z0-9*?-]+$/;

function checkAction(a: string, type: PolicyType, statement: number): PolicyProblem[] {
  if (a === '*') return [];
  const parts = a.split(':');
  if (parts.length === 1) return [problem(type, 'action-vendor', { statement })];
  if (parts.length > 2) return [problem(type, 'action-colons', { statement })];
  if (!VENDOR.test(parts[0]!)) return [problem(type, 'vendor-invalid', { statement, value: parts[0]! })];
  return [];
}

const PARTITIONS = new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']);

function checkResource(r: string, type: PolicyType, statement: number): PolicyProblem[] {
  if (r === '*') return [];
  if (!r.startsWith('arn:')) return [problem(type, 'resource-format', { statement, value: r })];
  const parts = r.split(':');
  if (parts.length < 6) return [problem(type, 'resource-legacy', { statement })];
  const partition = parts[1]!;
  if (!PARTITIONS.has(partition) && !partition.includes('*') && !partition.includes('${')) {
    return [problem(type, 'resource-partition', { statement, field: partition, value: r })];
  }
  return [];
}

const ACCOUNT = '(\\d{12})';
const AWS_PRINCIPAL = new RegExp(
  `^(\\*|${ACCOUNT}|arn:aws(-cn|-us-gov)?:iam::${ACCOUNT}:(root|user/[\\w+=,.@/-]+|role/[\\w+=,.@/-]+)|arn:aws(-cn|-us-gov)?:sts::${ACCOUNT}:(assumed-role/[\\w+=,.@-]+/[\\w+=,.@-]+|federated-user/[\\w+=,.@-]+))$`,
);
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$|^\*$/;
const CANONICAL_USER = /^[0-9a-f]{64}$/;

function checkPrincipal(spec: PrincipalSpec, type: PolicyType, statement: number): PolicyProblem[] {
  if (spec === '*') return [];
  const out: PolicyProblem[] = [];
  for (const [principalType, ids] of Object.entries(spec)) {
    for (const id of ids) {
      if (!principalValid(principalType, id)) out.push(problem(type, 'principal-invalid', { statement, principalType, value: id }));
    }
  }
  return out;
}

function principalValid(principalType: string, id: string): boolean {
  switch (principalType) {
    case 'AWS':
      return AWS_PRINCIPAL.test(id);
    case 'Service':
      return SERVICE_PRINCIPAL.test(id);
    case 'Federated':
      return id.length > 0;
    case 'CanonicalUser':
      return CANONICAL_USER.test(id);
    default:
      return false;
  }
}

/** Sids: unique in IAM-stored policies; alphanumeric in identity policies (KMS allows "Enable IAM User Permissions"). */
function checkSids(statements: readonly ParsedStatement[], type: PolicyType): PolicyProblem[] {
  const family = familyOf(type);
  if (family !== 'iam' && family !== 'trust') return [];
  const out: PolicyProblem[] = [];
  const seen = new Set<string>();
  for (const s of statements) {
    if (s.sid === undefined || s.sid === '') continue;
    if (family === 'iam' && !/^[0-9A-Za-z]*$/.test(s.sid)) out.push(problem(type, 'sid-format', { statement: s.index }));
    if (seen.has(s.sid)) out.push(problem(type, 'sid-duplicate', { statement: s.index }));
    seen.add(s.sid);
  }
  return out;
}
