import type { PolicyProblem, PolicyProblemCode, PolicyType } from './types.js';

/**
 * AWS's texts for refused policy documents, per policy family. IAM (and STS session policies,
 * which IAM's validator checks) answer MalformedPolicyDocument; KMS answers
 * MalformedPolicyDocumentException; Organizations answers MalformedPolicyDocumentException with one
 * fixed text. Sources, by string:
 * - "Syntax errors in policy." — boto3#180, 99designs/iamy#74 (CreatePolicy); cfn-lint#3751 (a
 *   Condition key without operator); an S3 gateway's IAM conformance suite (bad Version, missing
 *   or invalid Effect, Action with NotAction, empty Statement — all "Syntax errors in policy.").
 * - "Policy document should not specify a principal." — terraform-provider-aws#10419.
 * - "Has prohibited field Resource" — CreateRole with Resource in the trust policy
 *   (many terraform reports, e.g. "How to Fix MalformedPolicyDocument: Has prohibited field Resource").
 * - "Policy statement must contain actions." / "… resources." — terraform reports; the same suite.
 * - "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc." — the same suite.
 * - "Actions/Condition can contain only one colon." — garnaat/kappa#111.
 * - "The policy failed legacy parsing" — hashicorp/terraform#10057, aws-samples/torchserve-eks#3; the
 *   suite above for an ARN with too few fields.
 * - `Resource x must be in ARN format or "*".`, `Partition "p" is not valid for resource "r".`,
 *   "Statement IDs (SID) in a single policy must be unique." — the same suite.
 * - `Invalid principal in policy: "AWS":"arn…"` (type upper-cased: `"SERVICE":"…"`) — CreateRole reports.
 * - KMS "Policy contains a statement with one or more invalid principals." — PutKeyPolicy reports.
 * - Organizations "The provided policy document does not meet the requirements of the specified
 *   policy type." — org-formation/org-formation-cli#225.
 */
type Family = 'iam' | 'trust' | 'kms' | 'org' | 'resource';

export function familyOf(type: PolicyType): Family {
  switch (type) {
    case 'trust':
      return 'trust';
    case 'kms-key':
      return 'kms';
    case 'scp':
    case 'rcp':
      return 'org';
    case 'resource':
      return 'resource';
    default:
      return 'iam';
  }
}

const SYNTAX = 'Syntax errors in policy.';
const ORG_TEXT = 'The provided policy document does not meet the requirements of the specified policy type.';

/** Details a message may need. */
export interface ProblemDetail {
  readonly statement?: number;
  readonly field?: string;
  readonly value?: string;
  readonly principalType?: string;
}

export function problem(type: PolicyType, code: PolicyProblemCode, d: ProblemDetail = {}): PolicyProblem {
  const message = messageFor(familyOf(type), code, d);
  return { kind: code === 'size' ? 'size' : 'malformed', code, message, ...(d.statement !== undefined ? { statement: d.statement } : {}) };
}

function messageFor(family: Family, code: PolicyProblemCode, d: ProblemDetail): string {
  if (family === 'org') return ORG_TEXT;
  if (family === 'kms') return kmsMessage(code, d);
  switch (code) {
    case 'syntax':
      return SYNTAX;
    case 'principal-prohibited':
      return 'Policy document should not specify a principal.';
    case 'principal-required':
      return 'Missing required field Principal'; // unverified for IAM trust policies (S3's text for bucket policies)
    case 'principal-invalid':
      return `Invalid principal in policy: "${(d.principalType ?? 'AWS').toUpperCase()}":"${d.value ?? ''}"`;
    case 'field-prohibited':
      return `Has prohibited field ${d.field ?? ''}`;
    case 'actions-required':
      return 'Policy statement must contain actions.';
    case 'resources-required':
      return 'Policy statement must contain resources.';
    case 'action-vendor':
      return 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';
    case 'action-colons':
      return 'Actions/Condition can contain only one colon.';
    case 'vendor-invalid':
      return `Vendor ${d.value ?? ''} is not valid`;
    case 'resource-format':
      return `Resource ${d.value ?? ''} must be in ARN format or "*".`;
    case 'resource-partition':
      return `Partition "${d.field ?? ''}" is not valid for resource "${d.value ?? ''}".`;
    case 'resource-legacy':
      return 'The policy failed legacy parsing';
    case 'sid-duplicate':
      return 'Statement IDs (SID) in a single policy must be unique.';
    case 'sid-format':
      return 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*'; // unverified
    case 'condition-operator':
      return `Policy has invalid condition operator ${d.value ?? ''}`; // unverified
    case 'size':
      return `Policy document exceeds the maximum size for its type (${d.value ?? ''})`; // unverified: the service words its own LimitExceeded
    case 'policy-type':
      return SYNTAX;
  }
}

function kmsMessage(code: PolicyProblemCode, d: ProblemDetail): string {
  switch (code) {
    case 'principal-invalid':
      return 'Policy contains a statement with one or more invalid principals.';
    case 'principal-required':
      return 'Policy contains a statement with no principal.'; // unverified
    case 'size':
      return `Policy document exceeds the maximum size for its type (${d.value ?? ''})`; // unverified
    case 'syntax':
      return 'The policy is not syntactically valid JSON.'; // unverified
    default:
      return `${messageFor('iam', code, d)}`; // unverified: KMS's own wording of these checks
  }
}
