/** Secret resource policies: validated by the policy engine's grammar for resource policies. */
import { checkPolicy } from '../../iam/policy/validate.js';
import { MalformedPolicyDocumentException, PublicPolicyException } from './errors.js';
import type { ValidationErrorsEntry } from './model.gen.js';

/** MalformedPolicyDocumentException with the engine's first problem. // unverified: AWS's exact texts for secrets */
export function validateResourcePolicy(text: string): void {
  const c = checkPolicy(text, 'resource');
  if (!c.ok) throw new MalformedPolicyDocumentException(c.problems[0]?.message ?? 'This resource policy contains a syntax error.');
}

// unverified: AWS's text for a policy BlockPublicPolicy refuses.
const PUBLIC = 'This resource policy will grant public access to the secret. Use BlockPublicPolicy to prevent this.';

/**
 * Condition keys that tie a statement to known principals or sources, so that a `*` principal is
 * not public when one of them is compared with exact values — the keys AWS's block-public-access
 * analysis accepts as restricting (S3 UG, "The meaning of public"; Secrets Manager
 * "Block public access to secrets" uses the same Zelkova analysis).
 */
const RESTRICTING_KEYS = new Set(
  [
    'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalOrgID', 'aws:PrincipalOrgPaths', 'aws:PrincipalServiceName',
    'aws:SourceAccount', 'aws:SourceArn', 'aws:SourceOwner', 'aws:SourceVpc', 'aws:SourceVpce', 'aws:SourceIp', 'aws:userid', 'aws:username',
    'aws:ResourceAccount', 'aws:ResourceOrgID', 'aws:ResourceOrgPaths', 'aws:CalledVia', 'aws:VpcSourceIp',
  ].map((k) => k.toLowerCase()),
);
/** Operators that pin a key to the listed values (negated and pattern operators do not restrict). */
const EXACT_OPERATORS = /^(ForAnyValue:|ForAllValues:)?(StringEquals|StringEqualsIgnoreCase|ArnEquals|ArnLike|StringLike|IpAddress)$/;

const isWildcardPrincipal = (p: unknown): boolean => {
  if (p === '*') return true;
  if (typeof p !== 'object' || p === null) return false;
  const aws = (p as Record<string, unknown>)['AWS'];
  const list = Array.isArray(aws) ? aws : [aws];
  return list.some((a) => typeof a === 'string' && (a === '*' || /^arn:aws[a-z-]*:iam::\*:/.test(a)));
};

function restricts(condition: unknown): boolean {
  if (typeof condition !== 'object' || condition === null) return false;
  for (const [op, block] of Object.entries(condition as Record<string, unknown>)) {
    if (!EXACT_OPERATORS.test(op) || typeof block !== 'object' || block === null) continue;
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      if (!RESTRICTING_KEYS.has(key.toLowerCase())) continue;
      const values = Array.isArray(value) ? value : [value];
      const exact = values.every((v) => typeof v === 'string' && !v.includes('*') && !v.includes('?') && !/\/0$/.test(v));
      if (values.length > 0 && exact) return true;
    }
  }
  return false;
}

/**
 * Whether a policy grants public access: an Allow with a `*` principal (or NotPrincipal) that no
 * condition restricts to known principals or sources. Grants to named accounts, roles or services
 * are not public. // Differs from AWS: a structural analysis, not Zelkova's.
 */
export function isPublic(text: string): boolean {
  let doc: { Statement?: unknown };
  try {
    doc = JSON.parse(text) as { Statement?: unknown };
  } catch {
    return false;
  }
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  return (statements as Record<string, unknown>[]).some(
    (s) => s?.['Effect'] === 'Allow' && (isWildcardPrincipal(s['Principal']) || s['NotPrincipal'] !== undefined) && !restricts(s['Condition']),
  );
}

export function assertNotPublic(text: string): void {
  if (isPublic(text)) throw new PublicPolicyException(PUBLIC);
}

/**
 * ValidateResourcePolicy's checks: the grammar (the engine's checkPolicy for resource policies) and
 * broad access. // unverified: AWS's CheckName values; Warden names its checks SYNTAX_CHECK and BROAD_ACCESS_CHECK
 */
export function validationErrors(text: string): ValidationErrorsEntry[] {
  const c = checkPolicy(text, 'resource');
  const out: ValidationErrorsEntry[] = c.ok ? [] : c.problems.map((p) => ({ CheckName: 'SYNTAX_CHECK', ErrorMessage: p.message }));
  if (c.ok && isPublic(text)) out.push({ CheckName: 'BROAD_ACCESS_CHECK', ErrorMessage: PUBLIC });
  return out;
}
