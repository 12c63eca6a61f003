/**
 * Key policies: AWS's default policy, and the checks CreateKey and PutKeyPolicy make before
 * storing one. The policy is stored as the caller sent it (GetKeyPolicy returns it unchanged)
 * and handed to ctx.authorize as the resource policy; the IAM engine parses and caches it by hash.
 * The grammar is the policy engine's (`checkPolicy(…, 'kms-key')`), so what is stored compiles.
 */
import type { Principal } from '../../core/principal.js';
import { checkPolicy, POLICY_SIZE_LIMITS } from '../../iam/policy/validate.js';
import type { ParsedStatement, PrincipalSpec } from '../../iam/policy/types.js';
import { globSource } from '../../iam/policy/wildcard.js';
import { LimitExceededException, MalformedPolicyDocumentException } from './errors.js';

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

/**
 * "The key policy size limit is 32 kilobytes (32768 bytes)" and "If the key policy exceeds the
 * length constraint, KMS returns a LimitExceededException" (API_CreateKey / API_PutKeyPolicy,
 * Policy). The 2026 model admits 131,072 characters; the documented 32 KB is kept.
 */
export const MAX_POLICY_BYTES = POLICY_SIZE_LIMITS['kms-key']!;

// Widely recorded (CloudFormation, Terraform users' logs of CreateKey and PutKeyPolicy).
const LOCKOUT = 'The new key policy will not allow you to update the key policy in the future.';

function namesCaller(spec: PrincipalSpec | undefined, caller: Principal): boolean {
  if (spec === undefined) return false;
  if (spec === '*') return true;
  const ids = new Set([caller.arn, `arn:aws:iam::${caller.account}:root`, caller.account, '*']);
  if (caller.sessionIssuer !== undefined) ids.add(caller.sessionIssuer.arn);
  return (spec['AWS'] ?? []).some((p) => ids.has(p));
}

const matches = (patterns: readonly string[] | undefined, action: string): boolean =>
  (patterns ?? []).some((a) => new RegExp(`^${globSource([{ text: a, literal: false }])}$`, 'i').test(action));

/** The statement allows `action` to the caller, ignoring its conditions (AWS's check is static too). */
function allowsCaller(s: ParsedStatement, caller: Principal, action: string): boolean {
  if (s.effect !== 'Allow' || !namesCaller(s.principal, caller)) return false;
  return s.action !== undefined ? matches(s.action, action) : s.notAction !== undefined && !matches(s.notAction, action);
}

/**
 * Checks a key policy before CreateKey or PutKeyPolicy stores it, in AWS's order: its size
 * (LimitExceededException), then the policy engine's grammar for key policies (`checkPolicy(…,
 * 'kms-key')`: JSON, Effect, a principal in every statement, valid principals, actions, condition
 * operators → MalformedPolicyDocumentException with the first problem's text), then, unless the
 * caller bypasses it, the lockout safety check: some Allow statement must still let the caller
 * call PutKeyPolicy on the key.
 */
// Differs from AWS: KMS also refuses principals that do not exist; Warden checks their form only.
export function validateKeyPolicy(policy: string, caller: Principal, bypassLockoutCheck: boolean): void {
  // unverified: the message; AWS documents only the error code.
  if (Buffer.byteLength(policy, 'utf8') > MAX_POLICY_BYTES) throw new LimitExceededException(`The policy exceeds the maximum size of ${MAX_POLICY_BYTES} bytes.`);
  const checked = checkPolicy(policy, 'kms-key', { skipSizeLimit: true });
  if (!checked.ok) throw new MalformedPolicyDocumentException(checked.problems[0]!.message);
  if (bypassLockoutCheck) return;
  const statements = checked.policy.statements;
  const explicitDeny = statements.some((s) => s.effect === 'Deny' && s.conditions.length === 0 && namesCaller(s.principal, caller) && matches(s.action, 'kms:PutKeyPolicy'));
  if (explicitDeny || !statements.some((s) => allowsCaller(s, caller, 'kms:PutKeyPolicy'))) throw new MalformedPolicyDocumentException(LOCKOUT);
}
