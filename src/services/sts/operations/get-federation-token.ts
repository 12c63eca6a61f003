// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetFederationToken.html
import { defineOperation, type JsonObject } from '../../../core/operation.js';
import type { Principal } from '../../../core/principal.js';
import { iamReader } from '../../iam/state.js';
import { AccessDenied } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { credentialsElement, isoSeconds, issueSession, packedPolicySize, sessionPolicies, tagConditions } from '../sessions.js';

type Op = Operations['GetFederationToken'];

/** "The default session duration is 43,200 seconds (12 hours)"; the root user's sessions "have a maximum duration of 3,600 seconds". */
const DEFAULT_DURATION = 43_200;
const ROOT_MAX = 3600;
// unverified: AWS's text for GetFederationToken called with temporary credentials (GetSessionToken's form).
const WITH_SESSION = 'Cannot call GetFederationToken with session credentials';

export const federatedUserArn = (account: string, name: string): string => `arn:aws:sts::${account}:federated-user/${name}`;

export const getFederationToken = defineOperation<Op['input'], Op['output']>({
  name: 'GetFederationToken',
  actions: ['sts:GetFederationToken', 'sts:TagSession'],
  // CloudTrail marks it readOnly, yet the session it issues is stored with its event.
  readOnly: true,
  writesState: true,
  audit: {
    request: (input) => auditRequest(input),
    response: (out) => ({
      credentials: credentialsElement(out.Credentials),
      federatedUser: { federatedUserId: out.FederatedUser?.FederatedUserId ?? '', arn: out.FederatedUser?.Arn ?? '' },
      ...(out.PackedPolicySize !== undefined ? { packedPolicySize: out.PackedPolicySize } : {}),
    }),
  },
  async handler(input, ctx) {
    const caller = ctx.principal;
    // "You must call the GetFederationToken operation using the long-term security credentials of an IAM user."
    if (caller.sessionData !== undefined || caller.type === 'AssumedRole' || caller.type === 'FederatedUser') throw new AccessDenied(WITH_SESSION);
    const arn = federatedUserArn(caller.account, input.Name);
    // The Service Authorization Reference: sts:GetFederationToken on the federated-user resource.
    const conditions = tagConditions(input.Tags, undefined);
    await ctx.authorize({ action: 'sts:GetFederationToken', resource: arn, conditions });
    if ((input.Tags ?? []).length > 0) await ctx.authorize({ action: 'sts:TagSession', resource: arn, conditions });
    const policies = await sessionPolicies(iamReader(ctx.tx, caller.account), input.Policy, input.PolicyArns);
    const packed = packedPolicySize(input.Policy, input.PolicyArns, input.Tags);
    const requested = input.DurationSeconds ?? DEFAULT_DURATION;
    // unverified: AWS shortens a root user's longer request to one hour rather than refusing it (as GetSessionToken does).
    const seconds = caller.type === 'Root' ? Math.min(requested, ROOT_MAX) : requested;
    const federatedUserId = `${caller.account}:${input.Name}`;
    const issuer: NonNullable<Principal['sessionIssuer']> =
      caller.type === 'Root'
        ? { type: 'Root', principalId: caller.account, arn: caller.arn, account: caller.account, userName: caller.account }
        : { type: 'IAMUser', principalId: caller.principalId, arn: caller.arn, account: caller.account, userName: caller.userName ?? '' };
    const tags = Object.fromEntries((input.Tags ?? []).map((t) => [t.Key, t.Value]));
    const credentials = issueSession(ctx, seconds, (now, expiresMs) => ({
      type: 'FederatedUser',
      account: caller.account,
      arn,
      principalId: federatedUserId,
      sessionIssuer: issuer,
      session: { creationDate: isoSeconds(now), mfaAuthenticated: false },
      sessionData: { issuedBy: 'GetFederationToken', expiresMs, policies, tags, transitiveTagKeys: [] },
    }));
    return {
      Credentials: credentials,
      FederatedUser: { FederatedUserId: federatedUserId, Arn: arn },
      ...(packed !== undefined ? { PackedPolicySize: packed } : {}),
    };
  },
});

/** requestParameters as CloudTrail writes them. */
function auditRequest(input: Op['input']): JsonObject {
  return {
    name: input.Name,
    ...(input.DurationSeconds !== undefined ? { durationSeconds: input.DurationSeconds } : {}),
    ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
    ...(input.PolicyArns !== undefined ? { policyArns: input.PolicyArns.map((p) => ({ arn: p.arn ?? '' })) } : {}),
    ...(input.Tags !== undefined ? { tags: input.Tags.map((t) => ({ key: t.Key, value: t.Value })) } : {}),
  };
}
