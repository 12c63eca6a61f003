/** Secret resource policies: validated by the policy engine's grammar for resource policies. */
import { isPublic } from '../../iam/policy/public.js';
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
