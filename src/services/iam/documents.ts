/**
 * Policy documents as IAM stores them: validated with the engine's `checkPolicy` for their policy
 * type (AWS's MalformedPolicyDocument texts), sizes per IAM's quotas (IAM UG, reference_iam-quotas:
 * managed 6,144, inline per entity 2,048 / 5,120 / 10,240 in aggregate, role trust 2,048 — white
 * space not counted) answered as LimitExceeded, and returned URL-encoded as IAM's API does.
 */
import { checkPolicy, policySize, POLICY_SIZE_LIMITS } from '../../iam/policy/validate.js';
import type { ParsedPolicy, PolicyType } from '../../iam/policy/types.js';
import { inlineSizeExceeded, malformed, quota, type EntityKind } from './errors.js';
import type { InlinePolicy } from './state.js';

const INLINE_TYPE: Readonly<Record<EntityKind, PolicyType>> = { user: 'inline-user', group: 'inline-group', role: 'inline-role' };

function check(text: string, type: PolicyType, sizeError: () => Error): ParsedPolicy {
  const r = checkPolicy(text, type);
  if (r.ok) return r.policy;
  const first = r.problems[0]!;
  throw first.kind === 'size' ? sizeError() : malformed(first.message);
}

/**
 * CreatePolicy / CreatePolicyVersion. Over 6,144 characters: "Cannot exceed quota for PolicySize:
 * 6144"; a document without Version or with 2008-10-17: "Policy document must be version
 * 2012-10-17 or greater." (LocalStack test_iam_policies snapshot, recorded against AWS).
 */
export function checkManagedDocument(text: string): void {
  const limit = POLICY_SIZE_LIMITS.managed!;
  const p = check(text, 'managed', () => quota('PolicySize', limit));
  if (p.version !== '2012-10-17') throw malformed('Policy document must be version 2012-10-17 or greater.');
}

/**
 * Put{User,Group,Role}Policy: the document alone, then the entity's inline policies together (the
 * one being replaced left out) against the aggregate limit: "Maximum policy size of 2048 bytes
 * exceeded for user alice".
 */
export function checkInlineDocument(kind: EntityKind, entity: string, existing: readonly InlinePolicy[], policyName: string, text: string): void {
  const type = INLINE_TYPE[kind];
  const limit = POLICY_SIZE_LIMITS[type]!;
  const tooBig = () => inlineSizeExceeded(limit, kind, entity);
  check(text, type, tooBig);
  let total = policySize(text, type);
  for (const p of existing) if (p.name !== policyName) total += policySize(p.document, type);
  if (total > limit) throw tooBig();
}

/** The engine's policy type of an entity's inline policies. */
export const inlineType = (kind: EntityKind): PolicyType => INLINE_TYPE[kind];

/** Trust policies may only grant the STS actions that assume a role (with their session extras). */
const TRUST_ACTION = /^sts:(AssumeRole|AssumeRoleWithSAML|AssumeRoleWithWebIdentity|TagSession|SetSourceIdentity|SetContext|\*|AssumeRole\*)$/i;

/**
 * CreateRole / UpdateAssumeRolePolicy (recorded against AWS, LocalStack test_iam_roles snapshot):
 * text that is no JSON: "This policy contains invalid Json"; another action: "AssumeRole policy may
 * only specify STS AssumeRole actions."; Resource: "Has prohibited field Resource"; over 2,048
 * characters: "Cannot exceed quota for ACLSizePerRole: 2048".
 */
// Differs from AWS: trust-policy principals are checked for form only; AWS also refuses ARNs of users and roles that do not exist ("Invalid principal in policy").
export function checkTrustDocument(text: string): void {
  try {
    JSON.parse(text);
  } catch {
    throw malformed('This policy contains invalid Json');
  }
  const limit = POLICY_SIZE_LIMITS.trust!;
  const p = check(text, 'trust', () => quota('ACLSizePerRole', limit));
  // The set of actions AWS accepts beyond sts:AssumeRole* // unverified
  for (const s of p.statements) {
    for (const a of s.action ?? s.notAction ?? []) {
      if (!TRUST_ACTION.test(a)) throw malformed('AssumeRole policy may only specify STS AssumeRole actions.');
    }
  }
}

/**
 * Documents in IAM's responses are URL-encoded (RFC 3986: everything but unreserved characters;
 * the AWS CLI and boto3 decode them, the JS SDK hands them on as they are). AWS's encoding of
 * `!'()*` is unverified; Warden encodes them too.
 */
// unverified: AWS's encoding of !'()* (clients decode either way)
export const urlEncode = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
