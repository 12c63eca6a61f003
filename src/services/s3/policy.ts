/**
 * Bucket policies: validated by the policy engine's grammar for resource policies, plus S3's own
 * rules (every Resource within the bucket, every Action an s3 action). S3 answers MalformedPolicy
 * (400); texts from users' reports of PutBucketPolicy errors. // unverified word for word
 */
import { checkPolicy } from '../../iam/policy/validate.js';
import { MalformedPolicy } from './errors.js';

export function validateBucketPolicy(text: string, bucket: string): void {
  if (!text.trimStart().startsWith('{')) throw new MalformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  const c = checkPolicy(text, 'resource');
  if (!c.ok) {
    const p = c.problems[0];
    if (p?.code === 'principal-required') throw new MalformedPolicy('Missing required field Principal');
    throw new MalformedPolicy(p?.message === 'Syntax errors in policy.' || p === undefined ? 'Invalid policy syntax.' : p.message);
  }
  for (const s of c.policy.statements) {
    for (const r of s.resource ?? s.notResource ?? []) {
      if (r !== `arn:aws:s3:::${bucket}` && !r.startsWith(`arn:aws:s3:::${bucket}/`) && !(r.endsWith('*') && `arn:aws:s3:::${bucket}`.startsWith(r.slice(0, -1)))) {
        throw new MalformedPolicy('Policy has invalid resource');
      }
    }
    for (const a of s.action ?? s.notAction ?? []) {
      if (a !== '*' && !a.toLowerCase().startsWith('s3:')) throw new MalformedPolicy('Policy has invalid action');
    }
  }
}
