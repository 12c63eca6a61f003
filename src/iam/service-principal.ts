/**
 * An AWS service acting as itself (CloudTrail writing log files, generating their data keys): only
 * the resource's own policy can grant it — a bucket policy, a key policy — through a statement
 * naming `"Principal": {"Service": "<service>"}`; an explicit Deny wins; no policy, no access.
 * The request carries aws:PrincipalIsAWSService, aws:PrincipalServiceName, aws:SourceArn and
 * aws:SourceAccount as the service sets them, plus the operation's own condition keys.
 */
import type { ConditionValue } from '../core/operation.js';
import { compileText } from './policy/compile.js';
import type { EvalContext } from './policy/eval-context.js';
import type { PolicyType } from './policy/types.js';

export interface ServicePrincipalCall {
  /** The service principal, e.g. `cloudtrail.amazonaws.com`. */
  readonly service: string;
  /** aws:SourceArn, e.g. the trail's ARN. */
  readonly sourceArn?: string;
  /** aws:SourceAccount. */
  readonly sourceAccount?: string;
  /** Further condition keys of the request (`s3:x-amz-acl`, `kms:EncryptionContext:…`). */
  readonly conditions?: Readonly<Record<string, ConditionValue>>;
}

export interface ServiceDecision {
  readonly allowed: boolean;
  /** Why, naming the deciding statement: for logs and delivery errors. */
  readonly reason: string;
}

/**
 * Whether `policy` (of type `type`, called `policyName` in reasons, e.g. `bucket policy` of a
 * `bucket`) lets the service do `action` on `resource`, a resource of `resourceAccount`.
 */
export function decideForService(policy: string | undefined, type: PolicyType, policyName: string, action: string, resource: string, resourceAccount: string, call: ServicePrincipalCall): ServiceDecision {
  if (policy === undefined) return { allowed: false, reason: `the ${policyName.split(' ')[0]} has no ${policyName}` };
  const values = new Map<string, ConditionValue>();
  values.set('aws:principalisawsservice', 'true');
  values.set('aws:principalservicename', call.service);
  values.set('aws:resourceaccount', resourceAccount);
  if (call.sourceArn !== undefined) values.set('aws:sourcearn', call.sourceArn);
  if (call.sourceAccount !== undefined) values.set('aws:sourceaccount', call.sourceAccount);
  for (const [k, v] of Object.entries(call.conditions ?? {})) values.set(k.toLowerCase(), v);
  const ctx: EvalContext = {
    actionLower: action.toLowerCase(),
    resource,
    // A service principal has no ARN an "AWS" principal entry could name.
    principal: { type: 'Root', arn: `service:${call.service}`, account: '', accountArn: '', service: call.service },
    lookup: (k) => values.get(k),
    noteMissing: () => undefined,
  };
  let allowed = false;
  for (const s of compileText(policy, type).statements) {
    if (s.match(ctx) === undefined) continue;
    if (s.effect === 'Deny') return { allowed: false, reason: `explicitly denied by statement ${s.sid ?? s.index} of the ${policyName}` };
    allowed = true;
  }
  return allowed ? { allowed, reason: `allowed by the ${policyName}` } : { allowed: false, reason: `no statement of the ${policyName} allows it` };
}
