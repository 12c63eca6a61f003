/**
 * Whether a resource policy grants public access, as AWS's block-public-access features judge it
 * (S3 User Guide, access-control-block-public-access.html, "The meaning of public"; Secrets
 * Manager's BlockPublicPolicy uses the same analysis): an Allow statement with a `*` principal (or a
 * NotPrincipal) that no condition pins to known principals or sources.
 * // Differs from AWS: a structural analysis, not Zelkova's.
 */

/**
 * Condition keys that tie a statement to known principals or sources, so that a `*` principal is
 * not public when one of them is compared with exact values.
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

/** Whether one statement (parsed JSON) is a public grant. */
export function isPublicStatement(s: unknown): boolean {
  if (typeof s !== 'object' || s === null) return false;
  const st = s as Record<string, unknown>;
  return st['Effect'] === 'Allow' && (isWildcardPrincipal(st['Principal']) || st['NotPrincipal'] !== undefined) && !restricts(st['Condition']);
}

function statementsOf(text: string): { doc: Record<string, unknown>; statements: unknown[] } | undefined {
  try {
    const doc = JSON.parse(text) as Record<string, unknown>;
    if (typeof doc !== 'object' || doc === null) return undefined;
    const st = doc['Statement'];
    return { doc, statements: Array.isArray(st) ? st : [st] };
  } catch {
    return undefined;
  }
}

/** Whether a policy grants public access: one of its statements does. Grants to named accounts, roles or services are not public. */
export function isPublic(text: string): boolean {
  return statementsOf(text)?.statements.some(isPublicStatement) ?? false;
}

/** The policy without its public statements (S3 RestrictPublicBuckets), or undefined when none is left. */
export function withoutPublicStatements(text: string): string | undefined {
  const p = statementsOf(text);
  if (p === undefined) return text;
  const kept = p.statements.filter((s) => !isPublicStatement(s));
  if (kept.length === p.statements.length) return text;
  return kept.length === 0 ? undefined : JSON.stringify({ ...p.doc, Statement: kept });
}
