import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CreateRoleCommand, CreateSAMLProviderCommand, IAMClient, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { AssumeRoleWithSAMLCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, allow, doc, rejects, unique } from '../iam/helpers.js';

const run = promisify(execFile);
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const ENTITY = 'https://idp.example.com/saml';

/**
 * A signed SAML response written by hand, independently of Warden's canonicalizer: the assertion
 * is written in its exclusive-canonical form (sorted attributes, explicit end tags, its namespace
 * declared on it), so its digest is the SHA-256 of its text without the signature; the document
 * sent is then made non-canonical (self-closing tags, attribute order) to exercise Warden's c14n.
 */
function samlResponse(key: ReturnType<typeof createPrivateKey>, o: { roles: string[]; session?: string; sub?: string; notOnOrAfter?: string; audience?: string; issuer?: string; tamper?: boolean }): string {
  const until = o.notOnOrAfter ?? new Date(Date.now() + 300_000).toISOString();
  const attr = (name: string, values: string[]) =>
    `<saml:Attribute Name="${name}">${values.map((v) => `<saml:AttributeValue>${v}</saml:AttributeValue>`).join('')}</saml:Attribute>`;
  const body = (sig: string) =>
    `<saml:Assertion xmlns:saml="${SAML}" ID="_a1" IssueInstant="2026-01-01T00:00:00Z" Version="2.0">` +
    `<saml:Issuer>${o.issuer ?? ENTITY}</saml:Issuer>${sig}` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${o.sub ?? 'alice@example.com'}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${until}" Recipient="https://signin.aws.amazon.com/saml"></saml:SubjectConfirmationData></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${o.audience ?? 'https://signin.aws.amazon.com/saml'}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AttributeStatement>${attr('https://aws.amazon.com/SAML/Attributes/Role', o.roles)}${attr('https://aws.amazon.com/SAML/Attributes/RoleSessionName', [o.session ?? 'alice'])}</saml:AttributeStatement>` +
    `</saml:Assertion>`;
  const digest = createHash('sha256').update(body('')).digest('base64');
  const signedInfo = (decl: string, closeEmpty: (tag: string, attrs: string) => string) =>
    `<ds:SignedInfo${decl}>${closeEmpty('ds:CanonicalizationMethod', ' Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"')}${closeEmpty('ds:SignatureMethod', ' Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"')}` +
    `<ds:Reference URI="#_a1"><ds:Transforms>${closeEmpty('ds:Transform', ' Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"')}${closeEmpty('ds:Transform', ' Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"')}</ds:Transforms>` +
    `${closeEmpty('ds:DigestMethod', ' Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"')}<ds:DigestValue>${digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>`;
  const canonical = signedInfo(` xmlns:ds="${DS}"`, (t, a) => `<${t}${a}></${t}>`);
  const value = sign('sha256', Buffer.from(canonical), key).toString('base64');
  const signature = `<ds:Signature xmlns:ds="${DS}">${signedInfo('', (t, a) => `<${t}${a}/>`)}<ds:SignatureValue>\n${value.replace(/(.{64})/g, '$1\n')}\n</ds:SignatureValue></ds:Signature>`;
  let assertion = body(signature).replace('ID="_a1" IssueInstant="2026-01-01T00:00:00Z" Version="2.0"', 'Version="2.0" IssueInstant="2026-01-01T00:00:00Z" ID="_a1"');
  assertion = assertion.replace('></saml:SubjectConfirmationData>', '/>');
  if (o.tamper === true) assertion = assertion.replace('alice@example.com', 'mallory@example.com');
  const response = `<?xml version="1.0"?>\n<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0" IssueInstant="2026-01-01T00:00:00Z">\n  ${assertion}\n</samlp:Response>`;
  return Buffer.from(response).toString('base64');
}

describe('sts AssumeRoleWithSAML', () => {
  let w: Running;
  let dir: string;
  let key: ReturnType<typeof createPrivateKey>;
  let providerArn: string;
  let roleArn: string;
  const roleName = unique('saml-role');
  let sts: STSClient;

  before(async () => {
    w = await startTestWarden();
    sts = w.client(STSClient);
    dir = mkdtempSync(join(tmpdir(), 'saml-'));
    await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=idp.example.com', '-days', '2', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
    key = createPrivateKey(readFileSync(join(dir, 'key.pem')));
    const cert = readFileSync(join(dir, 'cert.pem'), 'utf8').replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    const metadata = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${ENTITY}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="${DS}"><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor></md:IDPSSODescriptor></md:EntityDescriptor>`;
    const iam = w.client(IAMClient);
    ({ SAMLProviderArn: providerArn } = (await iam.send(new CreateSAMLProviderCommand({ Name: 'corp', SAMLMetadataDocument: metadata }))) as { SAMLProviderArn: string });
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithSAML', Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' }, StringLike: { 'SAML:sub': '*@example.com' } } }] };
    ({ Role: { Arn: roleArn } } = (await iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: JSON.stringify(trust) }))) as { Role: { Arn: string } });
    await iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'list', PolicyDocument: doc(allow('kms:ListKeys')) }));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await w.stop();
  });

  const assume = (assertion: string) => sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: roleArn, PrincipalArn: providerArn, SAMLAssertion: assertion }));

  it('issues role credentials for a validly signed assertion naming the role', async () => {
    const out = await assume(samlResponse(key, { roles: [`${roleArn},${providerArn}`] }));
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/alice`);
    assert.equal(out.Subject, 'alice@example.com');
    assert.equal(out.SubjectType, 'persistent');
    assert.equal(out.Issuer, ENTITY);
    assert.equal(out.Audience, 'https://signin.aws.amazon.com/saml');
    assert.equal(out.NameQualifier, createHash('sha1').update(`${ENTITY}${ACCOUNT}/corp`).digest('base64'));
    const creds = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };
    assert.equal((await w.client(STSClient, { credentials: creds }).send(new GetCallerIdentityCommand({}))).Arn, out.AssumedRoleUser!.Arn);
    await w.client(KMSClient, { credentials: creds }).send(new ListKeysCommand({}));
    const ev = await w.eventFor(out.$metadata.requestId!);
    assert.equal(ev['userIdentity'].type, 'SAMLUser');
    assert.equal(ev['userIdentity'].userName, 'alice@example.com');
    assert.ok(!('sAMLAssertion' in ev['requestParameters']));
  });

  it('accepts the role attribute in either order', async () => {
    await assume(samlResponse(key, { roles: ['arn:aws:iam::000000000000:role/other,' + providerArn, `${providerArn},${roleArn}`] }));
  });

  it('refuses tampered, foreign, expired or misdirected assertions', async () => {
    await rejects(assume(samlResponse(key, { roles: [`${roleArn},${providerArn}`], tamper: true })), 'InvalidIdentityToken', 400);
    const other = createPrivateKey((await run('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048'])).stdout);
    await rejects(assume(samlResponse(other, { roles: [`${roleArn},${providerArn}`] })), 'InvalidIdentityToken', 400);
    await rejects(assume(samlResponse(key, { roles: [`${roleArn},${providerArn}`], notOnOrAfter: new Date(Date.now() - 1000).toISOString() })), 'ExpiredTokenException', 400);
    await rejects(assume(samlResponse(key, { roles: [`${roleArn},${providerArn}`], audience: 'https://elsewhere.example.com' })), 'InvalidIdentityToken', 400);
    await rejects(assume(samlResponse(key, { roles: [`${roleArn},${providerArn}`], issuer: 'https://other-idp.example.com' })), 'InvalidIdentityToken', 400);
    await rejects(assume(samlResponse(key, { roles: [`arn:aws:iam::${ACCOUNT}:role/other,${providerArn}`] })), 'IDPRejectedClaim', 403);
    await rejects(assume(Buffer.from('<not-saml/>').toString('base64')), 'InvalidIdentityToken', 400);
    await rejects(sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: roleArn, PrincipalArn: `arn:aws:iam::${ACCOUNT}:saml-provider/none`, SAMLAssertion: samlResponse(key, { roles: [] }) })), 'InvalidIdentityToken', 400);
  });

  it('is refused when the trust policy conditions do not hold', async () => {
    await rejects(assume(samlResponse(key, { roles: [`${roleArn},${providerArn}`], sub: 'eve@evil.example.org' })), 'AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithSAML');
    const ev = await w.lastEvent('AssumeRoleWithSAML');
    assert.equal(ev['additionalEventData'].warden.authorization[0].decidedBy, 'role trust policy');
  });
});
