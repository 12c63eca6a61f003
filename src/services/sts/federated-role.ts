/**
 * What AssumeRoleWithSAML and AssumeRoleWithWebIdentity share once the assertion or token has
 * proved a federated user: the role's trust policy decides for that user, and a role session is
 * issued. (AssumeRole differs: a signed caller, MFA, session tags, role chaining.)
 */
import { AwsError } from '../../core/errors.js';
import type { ConditionValue, Ctx } from '../../core/operation.js';
import type { Principal, SessionData } from '../../core/principal.js';
import { iamReader } from '../iam/state.js';
import { AccessDenied, ValidationError } from './errors.js';
import type { AssumedRoleUser, Credentials, PolicyDescriptorType } from './model.gen.js';
import { DEFAULT_ROLE_DURATION, findRole, isoSeconds, issueSession, OVER_ROLE_MAX, packedPolicySize, roleSessionIdentity, sessionPolicies } from './sessions.js';

export interface FederatedAssume {
  readonly action: 'sts:AssumeRoleWithSAML' | 'sts:AssumeRoleWithWebIdentity';
  readonly roleArn: string;
  /** The role's account, where the identity provider was found. */
  readonly roleAccount: string;
  /** The federated user the assertion or token proved; the trust policy is evaluated for it. */
  readonly user: Principal;
  readonly conditions: Readonly<Record<string, ConditionValue>>;
  /** AWS's AccessDenied text when the trust policy does not allow the user or the role is absent. */
  readonly notAuthorized: string;
  readonly sessionName: string;
  /** The requested duration, if any (the request's or the assertion's). */
  readonly durationSeconds: number | undefined;
  readonly policy: string | undefined;
  readonly policyArns: readonly PolicyDescriptorType[] | undefined;
  readonly sessionData: Pick<SessionData, 'issuedBy' | 'webIdentity'>;
}

export interface FederatedSession {
  readonly Credentials: Credentials;
  readonly AssumedRoleUser: AssumedRoleUser;
  readonly PackedPolicySize?: number;
}

/** Authorizes the federated user against the role's trust policy and issues the role session. */
export async function assumeRoleAsFederated(ctx: Ctx, a: FederatedAssume): Promise<FederatedSession> {
  const role = await findRole(ctx, a.roleArn);
  if (role !== undefined) ctx.audit.addResource(role.arn, 'AWS::IAM::Role', a.roleAccount);
  try {
    await ctx.authorize({ action: a.action, resource: a.roleArn, ...(role !== undefined ? { resourcePolicy: role.trust } : {}), conditions: a.conditions, asPrincipal: a.user });
  } catch (e) {
    // The decision (and its explanation) is in the audit event; the text is AWS's.
    if (e instanceof AwsError && e.code === 'AccessDenied') throw new AccessDenied(a.notAuthorized);
    throw e;
  }
  if (role === undefined) throw new AccessDenied(a.notAuthorized);
  const seconds = a.durationSeconds ?? DEFAULT_ROLE_DURATION;
  if (seconds > role.maxSessionDuration) throw new ValidationError(OVER_ROLE_MAX);
  const policies = await sessionPolicies(iamReader(ctx.tx, a.roleAccount), a.policy, a.policyArns);
  const packed = packedPolicySize(a.policy, a.policyArns, undefined);
  const identity = roleSessionIdentity(role, a.sessionName);
  const credentials = issueSession(ctx, seconds, (now, expiresMs) => ({
    ...identity,
    session: { creationDate: isoSeconds(now), mfaAuthenticated: false },
    sessionData: { issuedBy: a.sessionData.issuedBy, expiresMs, policies, tags: {}, transitiveTagKeys: [], ...(a.sessionData.webIdentity !== undefined ? { webIdentity: a.sessionData.webIdentity } : {}) },
  }));
  return {
    Credentials: credentials,
    AssumedRoleUser: { AssumedRoleId: identity.principalId, Arn: identity.arn },
    ...(packed !== undefined ? { PackedPolicySize: packed } : {}),
  };
}
