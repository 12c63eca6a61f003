import type { AuthzRequest } from '../core/operation.js';
import type { Principal } from '../core/principal.js';

/** Which kind of policy decided, in the words AWS's AccessDenied messages use. */
export type DecidedBy = 'root' | 'identity-based policy' | 'resource-based policy' | 'service control policy' | 'permissions boundary' | 'session policy';

export interface Decision {
  readonly allowed: boolean;
  readonly explicitDeny: boolean;
  readonly decidedBy: DecidedBy;
  /** Why, for people: stored with the audit event and shown by `warden explain`. */
  readonly explanation: string;
}

/** The request facts global condition keys are computed from. */
export interface RequestEnvironment {
  readonly sourceIp: string;
  readonly secureTransport: boolean;
  readonly currentTimeMs: number;
  readonly requestedRegion: string;
  readonly userAgent: string;
}

/** The one place that decides whether a principal may perform an action on a resource. */
export interface Authorizer {
  decide(principal: Principal, req: AuthzRequest, env: RequestEnvironment): Decision;
}

/**
 * The foundation's authorizer, until the policy engine lands: an account's root user may do
 * anything in its own account (AWS's rule for a standalone account without SCPs); every other
 * principal, and root acting on another account's resource, is denied. Never "allow all".
 */
export const rootOnlyAuthorizer: Authorizer = {
  decide(principal, req) {
    const resourceAccount = accountOfArn(req.resource);
    if (principal.type === 'Root' && (resourceAccount === undefined || resourceAccount === principal.account)) {
      return { allowed: true, explicitDeny: false, decidedBy: 'root', explanation: `${principal.arn} is the root user of account ${principal.account}` };
    }
    return {
      allowed: false,
      explicitDeny: false,
      decidedBy: 'identity-based policy',
      explanation: 'Warden does not evaluate IAM policies yet: only an account root user acting in its own account is allowed',
    };
  },
};

/** The account field of an ARN, or undefined for `*` and ARNs without one (S3 buckets). */
export function accountOfArn(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const account = arn.split(':', 5)[4];
  return account ? account : undefined;
}

/** AWS's AccessDenied text (the 2021+ form that names the policy type). */
export function accessDeniedMessage(principal: Principal, req: AuthzRequest, d: Decision): string {
  const on = req.resource === '*' ? '' : ` on resource: ${req.resource}`;
  const because = d.explicitDeny
    ? `with an explicit deny in a ${d.decidedBy}`
    : `because no ${d.decidedBy === 'root' ? 'identity-based policy' : d.decidedBy} allows the ${req.action} action`;
  return `User: ${principal.arn} is not authorized to perform: ${req.action}${on} ${because}`;
}
