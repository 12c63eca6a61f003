// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
import { readJwks } from '../../../auth/oidc-jwks.js';
import { defineOperation, type JsonObject } from '../../../core/operation.js';
import type { Principal } from '../../../core/principal.js';
import { providerForIssuer } from '../../iam/oidc.js';
import { assumeRoleAsFederated } from '../federated-role.js';
import { InvalidIdentityTokenException, type Operations } from '../model.gen.js';
import { credentialsElement } from '../sessions.js';
import { decodeJwt, INCORRECT_AUDIENCE, matchingAudience, noProvider, verifyJwt } from '../web-identity.js';

type Op = Operations['AssumeRoleWithWebIdentity'];

// AWS's text when the trust policy does not allow the web identity (EKS IRSA and GitHub Actions user reports).
const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithWebIdentity';
const ROLE_ACCOUNT = /^arn:aws:iam::(\d{12}):role\//;

export const assumeRoleWithWebIdentity = defineOperation<Op['input'], Op['output']>({
  name: 'AssumeRoleWithWebIdentity',
  actions: ['sts:AssumeRoleWithWebIdentity'],
  // "Calling AssumeRoleWithWebIdentity does not require the use of AWS security credentials" (API reference).
  anonymous: 'the web identity token is the proof of identity; AWS accepts the call unsigned',
  // CloudTrail marks it readOnly, yet the session it issues is stored with its event.
  readOnly: true,
  writesState: true,
  audit: {
    // The token is a bearer credential: never in the event.
    request: (input): JsonObject => ({
      roleArn: input.RoleArn,
      roleSessionName: input.RoleSessionName,
      ...(input.DurationSeconds !== undefined ? { durationSeconds: input.DurationSeconds } : {}),
      ...(input.ProviderId !== undefined ? { providerId: input.ProviderId } : {}),
      ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
      ...(input.PolicyArns !== undefined ? { policyArns: input.PolicyArns.map((p) => ({ arn: p.arn ?? '' })) } : {}),
    }),
    response: (out) => ({
      credentials: credentialsElement(out.Credentials),
      subjectFromWebIdentityToken: out.SubjectFromWebIdentityToken ?? '',
      assumedRoleUser: { assumedRoleId: out.AssumedRoleUser?.AssumedRoleId ?? '', arn: out.AssumedRoleUser?.Arn ?? '' },
      provider: out.Provider ?? '',
      audience: out.Audience ?? '',
      ...(out.PackedPolicySize !== undefined ? { packedPolicySize: out.PackedPolicySize } : {}),
    }),
  },
  async handler(input, ctx) {
    const token = decodeJwt(input.WebIdentityToken);
    const { claims } = token;
    // The provider must be in the role's account; a malformed role ARN finds none.
    const roleAccount = ROLE_ACCOUNT.exec(input.RoleArn)?.[1];
    const provider = roleAccount === undefined ? undefined : await providerForIssuer(ctx.tx, roleAccount, claims.iss);
    if (provider === undefined || roleAccount === undefined) throw noProvider(claims.iss);
    verifyJwt(token, await readJwks(ctx.tx, claims.iss), ctx.clock.now());
    const aud = matchingAudience(claims, provider.clientIds);
    if (aud === undefined) throw new InvalidIdentityTokenException(INCORRECT_AUDIENCE);

    const webUser: Principal = {
      type: 'WebIdentityUser',
      account: roleAccount,
      arn: provider.arn,
      principalId: `${provider.url}:${aud}:${claims.sub}`,
      accessKeyId: '',
      userName: claims.sub,
      federated: { providerArn: provider.arn, provider: provider.url },
    };
    const amr = claims.amr === undefined ? undefined : typeof claims.amr === 'string' ? [claims.amr] : [...claims.amr];
    // The provider's condition keys (IAM UG, reference_policies_iam-condition-keys#condition-keys-wif).
    const conditions = {
      [`${provider.url}:aud`]: aud,
      [`${provider.url}:sub`]: claims.sub,
      ...(amr !== undefined ? { [`${provider.url}:amr`]: amr } : {}),
      ...(typeof claims.azp === 'string' ? { [`${provider.url}:azp`]: claims.azp } : {}),
      'sts:RoleSessionName': input.RoleSessionName,
    };
    const session = await assumeRoleAsFederated(ctx, {
      action: 'sts:AssumeRoleWithWebIdentity',
      roleArn: input.RoleArn,
      roleAccount,
      user: webUser,
      conditions,
      notAuthorized: NOT_AUTHORIZED,
      sessionName: input.RoleSessionName,
      durationSeconds: input.DurationSeconds,
      policy: input.Policy,
      policyArns: input.PolicyArns,
      sessionData: { issuedBy: 'AssumeRoleWithWebIdentity', webIdentity: { federatedProvider: provider.arn } },
    });
    return {
      Credentials: session.Credentials,
      SubjectFromWebIdentityToken: claims.sub,
      AssumedRoleUser: session.AssumedRoleUser,
      // "For OpenID Connect ID tokens, this contains the value of the iss field."
      Provider: claims.iss,
      Audience: aud,
      ...(session.PackedPolicySize !== undefined ? { PackedPolicySize: session.PackedPolicySize } : {}),
    };
  },
});
