// https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
import { defineOperation } from '../../../core/operation.js';
import { AccessDenied } from '../errors.js';
import type { Operations } from '../model.gen.js';
import { credentialsElement, isoSeconds, issueSession, verifyMfa } from '../sessions.js';

type Op = Operations['GetSessionToken'];

/** "The default is 43,200 seconds (12 hours)"; "sessions for AWS account owners … default to one hour" when longer (API reference). */
const DEFAULT_DURATION = 43_200;
const ROOT_MAX = 3600;
// unverified: AWS's text for GetSessionToken called with temporary credentials, as remembered from user reports.
const WITH_SESSION = 'Cannot call GetSessionToken with session credentials';

export const getSessionToken = defineOperation<Op['input'], Op['output']>({
  name: 'GetSessionToken',
  actions: [],
  // CloudTrail marks it readOnly, yet the session it issues is stored with its event.
  readOnly: true,
  writesState: true,
  // "No permissions are required for users to perform this operation. The purpose of the
  // sts:GetSessionToken operation is to authenticate the user using MFA." (API reference)
  noAuthorization: 'AWS requires no permission for GetSessionToken; it authenticates the caller',
  audit: {
    request: (input) => ({
      ...(input.DurationSeconds !== undefined ? { durationSeconds: input.DurationSeconds } : {}),
      ...(input.SerialNumber !== undefined ? { serialNumber: input.SerialNumber } : {}),
    }),
    response: (out) => ({ credentials: credentialsElement(out.Credentials) }),
  },
  async handler(input, ctx) {
    const caller = ctx.principal;
    if (caller.sessionData !== undefined || caller.type === 'AssumedRole' || caller.type === 'FederatedUser') throw new AccessDenied(WITH_SESSION);
    const mfaMs = await verifyMfa(ctx, input, 'GetSessionToken');
    const requested = input.DurationSeconds ?? DEFAULT_DURATION;
    const seconds = caller.type === 'Root' ? Math.min(requested, ROOT_MAX) : requested;
    const { accessKeyId: _long, unverified: _unverified, ...identity } = caller;
    const credentials = issueSession(ctx, seconds, (now, expiresMs) => ({
      ...identity,
      session: { creationDate: isoSeconds(now), mfaAuthenticated: mfaMs !== undefined, ...(mfaMs !== undefined ? { mfaAuthTime: isoSeconds(mfaMs) } : {}) },
      sessionData: { issuedBy: 'GetSessionToken', expiresMs, policies: [], tags: {}, transitiveTagKeys: [] },
    }));
    return { Credentials: credentials };
  },
});
