/**
 * Key policies: AWS's default policy, and the checks CreateKey and PutKeyPolicy make before
 * storing one. The policy is stored as the caller sent it (GetKeyPolicy returns it unchanged)
 * and handed to ctx.authorize as the resource policy; the IAM engine parses and caches it by hash.
 * The checks here are structural; the policy engine will validate grammar and principals fully.
 */
import type { Principal } from '../../core/principal.js';
import { MalformedPolicyDocumentException } from './errors.js';

/**
 * The default key policy, byte for byte as GetKeyPolicy returns it (Jackson's pretty printer:
 * `"Key" : value`, arrays opened on the same line).
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
 */
export function defaultKeyPolicy(account: string): string {
  return `{
  "Version" : "2012-10-17",
  "Id" : "key-default-1",
  "Statement" : [ {
    "Sid" : "Enable IAM User Permissions",
    "Effect" : "Allow",
    "Principal" : {
      "AWS" : "arn:aws:iam::${account}:root"
    },
    "Action" : "kms:*",
    "Resource" : "*"
  } ]
}`;
}

/** The only key policy name KMS knows (ListKeyPolicies, GetKeyPolicy, PutKeyPolicy). */
export const POLICY_NAME = 'default';

// Widely recorded (CloudFormation, Terraform users' logs of CreateKey and PutKeyPolicy).
const LOCKOUT = 'The new key policy will not allow you to update the key policy in the future.';
const NOT_JSON = 'The policy document is malformed.'; // unverified
const NO_PRINCIPAL = 'Policy contains a statement with no principal.'; // unverified
const BAD_STATEMENT = 'The policy document is malformed.'; // unverified

type Json = unknown;
interface Statement {
  readonly Effect?: Json;
  readonly Principal?: Json;
  readonly NotPrincipal?: Json;
  readonly Action?: Json;
  readonly NotAction?: Json;
}

const asList = (v: Json): Json[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function statementsOf(policy: string): Statement[] {
  let doc: Json;
  try {
    doc = JSON.parse(policy);
  } catch {
    throw new MalformedPolicyDocumentException(NOT_JSON);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new MalformedPolicyDocumentException(NOT_JSON);
  const statements = asList((doc as Record<string, Json>)['Statement']);
  if (statements.length === 0) throw new MalformedPolicyDocumentException(BAD_STATEMENT);
  for (const s of statements) {
    if (typeof s !== 'object' || s === null || Array.isArray(s)) throw new MalformedPolicyDocumentException(BAD_STATEMENT);
    const st = s as Statement;
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') throw new MalformedPolicyDocumentException(BAD_STATEMENT);
    if (st.Principal === undefined && st.NotPrincipal === undefined) throw new MalformedPolicyDocumentException(NO_PRINCIPAL);
  }
  return statements as Statement[];
}

function wildcardMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(value);
}

function namesCaller(principal: Json, caller: Principal): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const aws = asList((principal as Record<string, Json>)['AWS']);
  const ids = new Set([caller.arn, `arn:aws:iam::${caller.account}:root`, caller.account, '*']);
  if (caller.sessionIssuer !== undefined) ids.add(caller.sessionIssuer.arn);
  return aws.some((p) => typeof p === 'string' && ids.has(p));
}

/**
 * Checks a key policy before it is stored: JSON, a Statement list, each with an Effect and a
 * principal; and, unless the caller bypasses it, AWS's lockout safety check — some Allow
 * statement must still let the caller call PutKeyPolicy.
 */
export function validateKeyPolicy(policy: string, caller: Principal, bypassLockoutCheck: boolean): void {
  const statements = statementsOf(policy);
  if (bypassLockoutCheck) return;
  const allowsCaller = statements.some(
    (s) =>
      s.Effect === 'Allow' &&
      s.Principal !== undefined &&
      namesCaller(s.Principal, caller) &&
      asList(s.Action).some((a) => typeof a === 'string' && wildcardMatch(a, 'kms:PutKeyPolicy')),
  );
  if (!allowsCaller) throw new MalformedPolicyDocumentException(LOCKOUT);
}
