/** Secret resource policies: validated by the policy engine's grammar for resource policies. */
import { checkPolicy } from '../../iam/policy/validate.js';
import { MalformedPolicyDocumentException, PublicPolicyException } from './errors.js';

/** MalformedPolicyDocumentException with the engine's first problem. // unverified: AWS's exact texts for secrets */
export function validateResourcePolicy(text: string): void {
  const c = checkPolicy(text, 'resource');
  if (!c.ok) throw new MalformedPolicyDocumentException(c.problems[0]?.message ?? 'This resource policy contains a syntax error.');
}

/**
 * BlockPublicPolicy: an Allow to `*` (or `{"AWS":"*"}`) without conditions is public. AWS uses
 * Zelkova; this is the structural approximation. // Differs from AWS: conditions are not analysed.
 */
export function assertNotPublic(text: string): void {
  const doc = JSON.parse(text) as { Statement?: unknown };
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  for (const s of statements as Record<string, unknown>[]) {
    if (s?.['Effect'] !== 'Allow' || s['Condition'] !== undefined) continue;
    const p = s['Principal'];
    const aws = typeof p === 'object' && p !== null ? (p as Record<string, unknown>)['AWS'] : undefined;
    if (p === '*' || aws === '*' || (Array.isArray(aws) && aws.includes('*'))) {
      throw new PublicPolicyException('This resource policy will grant public access to the secret. Use BlockPublicPolicy to prevent this.'); // unverified
    }
  }
}
