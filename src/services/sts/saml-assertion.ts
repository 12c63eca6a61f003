/**
 * SAML 2.0 responses for AssumeRoleWithSAML (IAM UG, id_roles_providers_create_saml_assertions):
 * the base64 `samlp:Response` must carry one `saml:Assertion`, signed (the assertion itself, or
 * the whole response) with a certificate from the provider's metadata (services/iam/xmldsig.ts),
 * issued by the provider's entity id, for AWS's sign-in endpoint (Recipient and Audience), within
 * its validity, naming the role and provider in the `https://aws.amazon.com/SAML/Attributes/Role`
 * attribute and the session in `…/RoleSessionName`.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { SignatureError, verifyEnveloped } from '../iam/xmldsig.js';
import type { SamlProviderRecord } from '../iam/saml.js';
import { childrenNamed, descendantsNamed, parseXml, textOf, XmlError, type XmlElement } from '../iam/xml.js';
import { ExpiredTokenException, IDPRejectedClaimException, InvalidIdentityTokenException } from './model.gen.js';

const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const ROLE_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/Role';
const SESSION_NAME_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/RoleSessionName';
const SESSION_DURATION_ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/SessionDuration';
/** "https://signin.aws.amazon.com/saml" or a regional "https://<region>.signin.aws.amazon.com/saml". */
const AWS_RECIPIENT = /^https:\/\/([a-z0-9-]+\.)?signin\.aws\.amazon\.com\/saml$/;
const AWS_AUDIENCES = new Set(['https://signin.aws.amazon.com/saml', 'urn:amazon:webservices']);

// unverified: AWS's texts for the SAML failures below (the codes are the model's).
const INVALID = 'Invalid SAML response';
const BAD_SIGNATURE = 'Response signature invalid';
const EXPIRED = 'Token expired';
const WRONG_ISSUER = 'Issuer of the SAML assertion does not match the identity provider';
const WRONG_AUDIENCE = 'Audience of the SAML assertion is not https://signin.aws.amazon.com/saml';
const NO_ROLE = 'The SAML assertion does not name the requested role and provider';
const NO_SESSION_NAME = 'RoleSessionName is required in the SAML assertion';

export interface SamlClaims {
  readonly issuer: string;
  readonly subject: string;
  readonly subjectType: string;
  /** The Recipient of the bearer confirmation (AssumeRoleWithSAML's Audience). */
  readonly recipient: string;
  readonly roleSessionName: string;
  readonly sessionDuration?: number;
  readonly nameQualifier: string;
}

const at = (s: string | undefined): number | undefined => (s === undefined ? undefined : Date.parse(s));

/** AssumeRoleWithSAML's NameQualifier: "Base64(SHA1(Issuer + AccountID + "/" + ProviderName))" (API reference). */
export const nameQualifier = (issuer: string, account: string, providerName: string): string =>
  createHash('sha1').update(`${issuer}${account}/${providerName}`, 'utf8').digest('base64');

/** SubjectType: `persistent` / `transient` for those formats, else the format URI (API reference). */
function subjectType(format: string | undefined): string {
  if (format === 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent') return 'persistent';
  if (format === 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient') return 'transient';
  return format ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified';
}

function attributeValues(assertion: XmlElement, name: string): string[] {
  const out: string[] = [];
  for (const stmt of childrenNamed(assertion, SAML, 'AttributeStatement'))
    for (const a of childrenNamed(stmt, SAML, 'Attribute')) if (a.attributes.get('Name') === name) for (const v of childrenNamed(a, SAML, 'AttributeValue')) out.push(textOf(v).trim());
  return out;
}

/** Verifies and reads a base64 SAML response for `roleArn` via `provider` (of `account`). */
export function readSamlResponse(base64: string, provider: SamlProviderRecord, account: string, roleArn: string, principalArn: string, nowMs: number): SamlClaims {
  let response: XmlElement;
  try {
    response = parseXml(Buffer.from(base64, 'base64').toString('utf8'));
  } catch (e) {
    if (e instanceof XmlError) throw new InvalidIdentityTokenException(INVALID);
    throw e;
  }
  if (response.ns !== SAMLP || response.local !== 'Response') throw new InvalidIdentityTokenException(INVALID);
  // One assertion, directly in the response (no nested or wrapped ones).
  const assertions = descendantsNamed(response, SAML, 'Assertion');
  const assertion = childrenNamed(response, SAML, 'Assertion')[0];
  if (assertions.length !== 1 || assertion === undefined) throw new InvalidIdentityTokenException(INVALID);
  const keys = provider.certificates.map((c) => new X509Certificate(Buffer.from(c, 'base64')).publicKey);
  const assertionSigned = childrenNamed(assertion, 'http://www.w3.org/2000/09/xmldsig#', 'Signature').length > 0;
  try {
    verifyEnveloped(assertionSigned ? assertion : response, keys);
  } catch (e) {
    if (e instanceof SignatureError) throw new InvalidIdentityTokenException(BAD_SIGNATURE);
    throw e;
  }
  const issuerEl = childrenNamed(assertion, SAML, 'Issuer')[0];
  if (issuerEl === undefined) throw new InvalidIdentityTokenException(INVALID);
  const issuer = textOf(issuerEl).trim();
  if (issuer !== provider.entityId) throw new InvalidIdentityTokenException(WRONG_ISSUER);
  const subjectEl = childrenNamed(assertion, SAML, 'Subject')[0];
  const nameId = subjectEl === undefined ? undefined : childrenNamed(subjectEl, SAML, 'NameID')[0];
  if (subjectEl === undefined || nameId === undefined) throw new InvalidIdentityTokenException(INVALID);
  // A bearer confirmation for AWS's sign-in endpoint, not expired.
  const confirmations = childrenNamed(subjectEl, SAML, 'SubjectConfirmation').filter((c) => c.attributes.get('Method') === 'urn:oasis:names:tc:SAML:2.0:cm:bearer');
  const data = confirmations.flatMap((c) => childrenNamed(c, SAML, 'SubjectConfirmationData')).find((d) => AWS_RECIPIENT.test(d.attributes.get('Recipient') ?? ''));
  if (data === undefined) throw new InvalidIdentityTokenException(WRONG_AUDIENCE);
  const confirmUntil = at(data.attributes.get('NotOnOrAfter'));
  if (confirmUntil === undefined || Number.isNaN(confirmUntil) || nowMs >= confirmUntil) throw new ExpiredTokenException(EXPIRED);
  const conditions = childrenNamed(assertion, SAML, 'Conditions')[0];
  if (conditions !== undefined) {
    const from = at(conditions.attributes.get('NotBefore'));
    const until = at(conditions.attributes.get('NotOnOrAfter'));
    if (from !== undefined && (Number.isNaN(from) || nowMs < from)) throw new InvalidIdentityTokenException(INVALID);
    if (until !== undefined && (Number.isNaN(until) || nowMs >= until)) throw new ExpiredTokenException(EXPIRED);
    const audiences = childrenNamed(conditions, SAML, 'AudienceRestriction').map((r) => childrenNamed(r, SAML, 'Audience').map((a) => textOf(a).trim()));
    if (audiences.some((list) => !list.some((a) => AWS_AUDIENCES.has(a)))) throw new InvalidIdentityTokenException(WRONG_AUDIENCE);
  }
  const roles = attributeValues(assertion, ROLE_ATTRIBUTE).map((v) => v.split(',').map((x) => x.trim()));
  if (!roles.some((pair) => pair.length === 2 && pair.includes(roleArn) && pair.includes(principalArn))) throw new IDPRejectedClaimException(NO_ROLE);
  const roleSessionName = attributeValues(assertion, SESSION_NAME_ATTRIBUTE)[0];
  if (roleSessionName === undefined || !/^[\w+=,.@-]{2,64}$/.test(roleSessionName)) throw new IDPRejectedClaimException(NO_SESSION_NAME);
  const durationText = attributeValues(assertion, SESSION_DURATION_ATTRIBUTE)[0];
  const sessionDuration = durationText === undefined ? undefined : Number(durationText);
  return {
    issuer,
    subject: textOf(nameId).trim(),
    subjectType: subjectType(nameId.attributes.get('Format')),
    recipient: data.attributes.get('Recipient')!,
    roleSessionName,
    ...(sessionDuration !== undefined && Number.isInteger(sessionDuration) ? { sessionDuration } : {}),
    nameQualifier: nameQualifier(issuer, account, provider.name),
  };
}
