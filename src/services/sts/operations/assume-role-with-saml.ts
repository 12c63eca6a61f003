// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html
import { defineOperation, type JsonObject } from '../../../core/operation.js';
import type { Principal } from '../../../core/principal.js';
import { readSamlProvider } from '../../iam/saml.js';
import { assumeRoleAsFederated } from '../federated-role.js';
import { InvalidIdentityTokenException, type Operations } from '../model.gen.js';
import { readSamlResponse } from '../saml-assertion.js';
import { credentialsElement } from '../sessions.js';

type Op = Operations['AssumeRoleWithSAML'];

// unverified: AWS's texts for an unknown provider and a trust policy that does not allow the SAML user.
const NO_PROVIDER = 'Specified provider does not exist.';
const NOT_AUTHORIZED = 'Not authorized to perform sts:AssumeRoleWithSAML';
const ROLE_ACCOUNT = /^arn:aws:iam::(\d{12}):role\//;

export const assumeRoleWithSAML = defineOperation<Op['input'], Op['output']>({
  name: 'AssumeRoleWithSAML',
  actions: ['sts:AssumeRoleWithSAML'],
  // "Calling AssumeRoleWithSAML does not require the use of AWS security credentials" (API reference).
  anonymous: 'the signed SAML assertion is the proof of identity; AWS accepts the call unsigned',
  readOnly: true,
  writesState: true,
  audit: {
    // The assertion is a bearer credential: never in the event.
    request: (input): JsonObject => ({
      roleArn: input.RoleArn,
      principalArn: input.PrincipalArn,
      ...(input.DurationSeconds !== undefined ? { durationSeconds: input.DurationSeconds } : {}),
      ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
      ...(input.PolicyArns !== undefined ? { policyArns: input.PolicyArns.map((p) => ({ arn: p.arn ?? '' })) } : {}),
    }),
    response: (out) => ({
      credentials: credentialsElement(out.Credentials),
      assumedRoleUser: { assumedRoleId: out.AssumedRoleUser?.AssumedRoleId ?? '', arn: out.AssumedRoleUser?.Arn ?? '' },
      subject: out.Subject ?? '',
      subjectType: out.SubjectType ?? '',
      issuer: out.Issuer ?? '',
      audience: out.Audience ?? '',
      nameQualifier: out.NameQualifier ?? '',
      ...(out.PackedPolicySize !== undefined ? { packedPolicySize: out.PackedPolicySize } : {}),
    }),
  },
  async handler(input, ctx) {
    const roleAccount = ROLE_ACCOUNT.exec(input.RoleArn)?.[1];
    // The provider must be in the role's account.
    const provider = roleAccount === undefined || input.PrincipalArn.split(':')[4] !== roleAccount ? undefined : await readSamlProvider(ctx.tx, input.PrincipalArn);
    if (provider === undefined || roleAccount === undefined) throw new InvalidIdentityTokenException(NO_PROVIDER);
    const claims = readSamlResponse(input.SAMLAssertion, provider, roleAccount, input.RoleArn, input.PrincipalArn, ctx.clock.now());
    const samlUser: Principal = {
      type: 'SAMLUser',
      account: roleAccount,
      arn: provider.arn,
      principalId: `${claims.nameQualifier}:${claims.subject}`,
      accessKeyId: '',
      userName: claims.subject,
      federated: { providerArn: provider.arn, provider: claims.nameQualifier },
    };
    // The SAML condition keys (IAM UG, reference_policies_iam-condition-keys#condition-keys-saml).
    const conditions = {
      'saml:aud': claims.recipient,
      'saml:sub': claims.subject,
      'saml:sub_type': claims.subjectType,
      'saml:iss': claims.issuer,
      'saml:namequalifier': claims.nameQualifier,
      'saml:doc': `${roleAccount}/${provider.name}`,
      'sts:RoleSessionName': claims.roleSessionName,
    };
    const session = await assumeRoleAsFederated(ctx, {
      action: 'sts:AssumeRoleWithSAML',
      roleArn: input.RoleArn,
      roleAccount,
      user: samlUser,
      conditions,
      notAuthorized: NOT_AUTHORIZED,
      sessionName: claims.roleSessionName,
      // "the DurationSeconds parameter … overrides the SessionDuration attribute"; both bounded by the role.
      durationSeconds: input.DurationSeconds ?? claims.sessionDuration,
      policy: input.Policy,
      policyArns: input.PolicyArns,
      sessionData: { issuedBy: 'AssumeRoleWithSAML' },
    });
    return {
      Credentials: session.Credentials,
      AssumedRoleUser: session.AssumedRoleUser,
      Subject: claims.subject,
      SubjectType: claims.subjectType,
      Issuer: claims.issuer,
      Audience: claims.recipient,
      NameQualifier: claims.nameQualifier,
      ...(session.PackedPolicySize !== undefined ? { PackedPolicySize: session.PackedPolicySize } : {}),
    };
  },
});
