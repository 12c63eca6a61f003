// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
import { defineOperation, type Ctx, type JsonObject } from '../../../core/operation.js';
import type { Principal } from '../../../core/principal.js';
import { iamReader, type RoleRecord } from '../../iam/state.js';
import { AccessDenied, ValidationError } from '../errors.js';
import type { Operations } from '../model.gen.js';
import {
  credentialsElement,
  DEFAULT_ROLE_DURATION,
  findRole,
  isoSeconds,
  isRoleSession,
  issueSession,
  MFA_CONDITIONS,
  OVER_ROLE_MAX,
  packedPolicySize,
  roleSessionIdentity,
  sessionPolicies,
  tagConditions,
  verifyMfa,
} from '../sessions.js';

type Op = Operations['AssumeRole'];

/** "role chaining limits your … session to a maximum of one hour" (IAM UG, id_roles_terms-and-concepts). */
const CHAINED_MAX = 3600;

// unverified: the role-chaining text, as remembered from user reports.
const OVER_CHAINED = 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.';

/** The trust policy decides (with the caller's identity policies): AssumeRole, and TagSession / SetSourceIdentity when used. */
async function authorizeAssume(ctx: Ctx, input: Op['input'], role: RoleRecord | undefined, mfa: boolean): Promise<void> {
  const conditions = {
    ...(mfa ? MFA_CONDITIONS : {}),
    'sts:RoleSessionName': input.RoleSessionName,
    ...(input.ExternalId !== undefined ? { 'sts:ExternalId': input.ExternalId } : {}),
    ...(input.SourceIdentity !== undefined ? { 'sts:SourceIdentity': input.SourceIdentity } : {}),
    ...tagConditions(input.Tags, input.TransitiveTagKeys),
  };
  // An absent role is denied exactly like one whose trust policy does not allow the caller.
  const base = { resource: input.RoleArn, ...(role !== undefined ? { resourcePolicy: role.trust } : {}), conditions };
  await ctx.authorize({ action: 'sts:AssumeRole', ...base });
  if ((input.Tags ?? []).length > 0) await ctx.authorize({ action: 'sts:TagSession', ...base });
  if (input.SourceIdentity !== undefined) await ctx.authorize({ action: 'sts:SetSourceIdentity', ...base });
}

function duration(input: Op['input'], role: RoleRecord, caller: Principal): number {
  const d = input.DurationSeconds ?? DEFAULT_ROLE_DURATION;
  if (isRoleSession(caller) && d > CHAINED_MAX) throw new ValidationError(OVER_CHAINED);
  if (d > role.maxSessionDuration) throw new ValidationError(OVER_ROLE_MAX);
  return d;
}

/** A new MFA check counts from now; otherwise a role session inherits its caller's MFA state (role chaining). */
function mfaSession(caller: Principal, now: number, mfaMs: number | undefined): NonNullable<Principal['session']> {
  if (mfaMs !== undefined) return { creationDate: isoSeconds(now), mfaAuthenticated: true, mfaAuthTime: isoSeconds(mfaMs) };
  const inherited = caller.session?.mfaAuthenticated ?? false;
  const at = caller.session?.mfaAuthTime ?? caller.session?.creationDate;
  return { creationDate: isoSeconds(now), mfaAuthenticated: inherited, ...(inherited && at !== undefined ? { mfaAuthTime: at } : {}) };
}

/** Session tags: the caller's transitive tags pass on (role chaining) under the new ones. */
function sessionTags(input: Op['input'], caller: Principal): { tags: Record<string, string>; transitive: string[] } {
  const inherited = caller.sessionData;
  const tags: Record<string, string> = {};
  const transitive = new Set<string>();
  for (const k of inherited?.transitiveTagKeys ?? []) {
    const v = inherited?.tags[k];
    if (v !== undefined) {
      tags[k] = v;
      transitive.add(k);
    }
  }
  // Differs from AWS: a new tag with an inherited transitive key is ignored; AWS refuses the request.
  for (const t of input.Tags ?? []) if (!transitive.has(t.Key)) tags[t.Key] = t.Value;
  for (const k of input.TransitiveTagKeys ?? []) if (tags[k] !== undefined) transitive.add(k);
  return { tags, transitive: [...transitive] };
}

export const assumeRole = defineOperation<Op['input'], Op['output']>({
  name: 'AssumeRole',
  actions: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
  // CloudTrail marks it readOnly, yet the session it issues is stored with its event.
  readOnly: true,
  writesState: true,
  audit: {
    request: (input) => auditRequest(input),
    response: (out) => ({
      credentials: credentialsElement(out.Credentials),
      assumedRoleUser: { assumedRoleId: out.AssumedRoleUser?.AssumedRoleId ?? '', arn: out.AssumedRoleUser?.Arn ?? '' },
      ...(out.PackedPolicySize !== undefined ? { packedPolicySize: out.PackedPolicySize } : {}),
      ...(out.SourceIdentity !== undefined ? { sourceIdentity: out.SourceIdentity } : {}),
    }),
  },
  async handler(input, ctx) {
    const caller = ctx.principal;
    const role = await findRole(ctx, input.RoleArn);
    // Before the decision, so that a denied cross-account attempt reaches the role's account too.
    if (role !== undefined) ctx.audit.addResource(role.arn, 'AWS::IAM::Role', role.arn.split(':')[4]);
    // The code is checked first: the trust policy sees aws:MultiFactorAuthPresent only when it was right.
    const mfaMs = await verifyMfa(ctx, input, 'AssumeRole');
    await authorizeAssume(ctx, input, role, mfaMs !== undefined);
    if (role === undefined) throw new AccessDenied(`User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`);
    const seconds = duration(input, role, caller);
    const roleAccount = role.arn.split(':')[4]!;
    const policies = await sessionPolicies(iamReader(ctx.tx, roleAccount), input.Policy, input.PolicyArns);
    const packed = packedPolicySize(input.Policy, input.PolicyArns, input.Tags);
    const { tags, transitive } = sessionTags(input, caller);
    const sourceIdentity = caller.sessionData?.sourceIdentity ?? input.SourceIdentity;
    const identity = roleSessionIdentity(role, input.RoleSessionName);
    const credentials = issueSession(ctx, seconds, (now, expiresMs) => ({
      ...identity,
      session: mfaSession(caller, now, mfaMs),
      sessionData: { issuedBy: 'AssumeRole', expiresMs, policies, tags, transitiveTagKeys: transitive, ...(sourceIdentity !== undefined ? { sourceIdentity } : {}) },
    }));
    return {
      Credentials: credentials,
      AssumedRoleUser: { AssumedRoleId: identity.principalId, Arn: identity.arn },
      ...(packed !== undefined ? { PackedPolicySize: packed } : {}),
      ...(sourceIdentity !== undefined ? { SourceIdentity: sourceIdentity } : {}),
    };
  },
});

/** requestParameters as CloudTrail writes them; the MFA token code is left out. */
function auditRequest(input: Op['input']): JsonObject {
  return {
    roleArn: input.RoleArn,
    roleSessionName: input.RoleSessionName,
    ...(input.DurationSeconds !== undefined ? { durationSeconds: input.DurationSeconds } : {}),
    ...(input.ExternalId !== undefined ? { externalId: input.ExternalId } : {}),
    ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
    ...(input.PolicyArns !== undefined ? { policyArns: input.PolicyArns.map((p) => ({ arn: p.arn ?? '' })) } : {}),
    ...(input.Tags !== undefined ? { tags: input.Tags.map((t) => ({ key: t.Key, value: t.Value })) } : {}),
    ...(input.TransitiveTagKeys !== undefined ? { transitiveTagKeys: [...input.TransitiveTagKeys] } : {}),
    ...(input.SourceIdentity !== undefined ? { sourceIdentity: input.SourceIdentity } : {}),
    ...(input.SerialNumber !== undefined ? { serialNumber: input.SerialNumber } : {}),
  };
}
