import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import {
  CreateSAMLProviderCommand,
  DeleteSAMLProviderCommand,
  GetSAMLProviderCommand,
  IAMClient,
  ListSAMLProvidersCommand,
  ListSAMLProviderTagsCommand,
  TagSAMLProviderCommand,
  UntagSAMLProviderCommand,
  UpdateSAMLProviderCommand,
} from '@aws-sdk/client-iam';
import { startTestWarden, type Running } from '../../harness.js';
import { ACCOUNT, asUser, rejects, unique, userWithKey } from './helpers.js';

const run = promisify(execFile);

/** A self-signed signing certificate (openssl), as base64 DER for the metadata. */
async function certificate(): Promise<string> {
  const { stdout } = await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=idp.example.com', '-days', '2', '-keyout', '/dev/null']);
  return stdout.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
}

const metadata = (entityId: string, cert: string, extra = ''): string => `<?xml version="1.0" encoding="UTF-8"?>
<!-- an IdP's metadata -->
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${entityId}"${extra}>
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">
        <ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data>
      </ds:KeyInfo>
    </md:KeyDescriptor>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso?a=1&amp;b=2"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

describe('iam SAML providers', () => {
  let w: Running;
  let iam: IAMClient;
  let cert: string;
  before(async () => {
    w = await startTestWarden();
    iam = w.client(IAMClient);
    cert = await certificate();
  });
  after(() => w.stop());

  it('creates, gets, lists, updates and deletes a provider', async () => {
    const name = unique('corp-idp');
    const doc = metadata('https://idp.example.com/entity', cert, ' validUntil="2030-01-01T00:00:00Z"');
    const out = await iam.send(new CreateSAMLProviderCommand({ Name: name, SAMLMetadataDocument: doc, Tags: [{ Key: 'k', Value: 'v' }] }));
    const arn = `arn:aws:iam::${ACCOUNT}:saml-provider/${name}`;
    assert.equal(out.SAMLProviderArn, arn);
    const got = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
    assert.equal(got.SAMLMetadataDocument, doc);
    assert.equal(got.ValidUntil!.toISOString(), '2030-01-01T00:00:00.000Z');
    assert.match(got.SAMLProviderUUID!, /^[A-Z0-9]{22,64}$/);
    assert.equal(got.AssertionEncryptionMode, 'Allowed');
    assert.deepEqual(got.PrivateKeyList, []);
    assert.deepEqual(got.Tags, [{ Key: 'k', Value: 'v' }]);
    const listed = await iam.send(new ListSAMLProvidersCommand({}));
    assert.ok(listed.SAMLProviderList!.some((p) => p.Arn === arn && p.CreateDate instanceof Date));
    const ev = await w.eventFor(out.$metadata.requestId!);
    assert.deepEqual(ev['responseElements'], { sAMLProviderArn: arn });

    await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, SAMLMetadataDocument: metadata('https://idp.example.com/entity', cert), AssertionEncryptionMode: 'Required' }));
    const after = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
    assert.equal(after.AssertionEncryptionMode, 'Required');
    assert.ok(after.ValidUntil!.getTime() > Date.now() + 50 * 365 * 86_400_000);

    await iam.send(new TagSAMLProviderCommand({ SAMLProviderArn: arn, Tags: [{ Key: 'a', Value: '1' }] }));
    await iam.send(new UntagSAMLProviderCommand({ SAMLProviderArn: arn, TagKeys: ['k'] }));
    assert.deepEqual((await iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: arn }))).Tags, [{ Key: 'a', Value: '1' }]);

    await iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: arn }));
    await rejects(iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn })), 'NoSuchEntity', 404, `Manifest not found for arn ${arn}`);
    await rejects(iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: arn })), 'NoSuchEntity', 404, `Manifest not found for arn ${arn}`);
  });

  it('refuses metadata it cannot use, leaving nothing behind', async () => {
    const name = unique('bad-idp');
    const pad = `<!-- ${'x'.repeat(1000)} -->`;
    const bad = [
      `${pad}<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="e"/>`,
      metadata('e', 'bm90IGEgY2VydGlmaWNhdGU='.padEnd(1200, 'A')),
      `<!DOCTYPE x [<!ENTITY a "b">]>${metadata('e', cert)}`,
      metadata('e', cert).replace('</md:EntityDescriptor>', ''),
    ];
    for (const doc of bad) await rejects(iam.send(new CreateSAMLProviderCommand({ Name: name, SAMLMetadataDocument: doc })), 'InvalidInput', 400, 'Could not parse metadata');
    const listed = await iam.send(new ListSAMLProvidersCommand({}));
    assert.ok(!listed.SAMLProviderList!.some((p) => p.Arn!.endsWith(`/${name}`)));
    await rejects(iam.send(new CreateSAMLProviderCommand({ Name: name, SAMLMetadataDocument: 'short' })), 'ValidationError', 400, /sAMLMetadataDocument/);
  });

  it('needs iam:CreateSAMLProvider; refuses a duplicate name', async () => {
    const name = unique('dup-idp');
    const doc = metadata('https://idp.example.com/entity', cert);
    const u = await userWithKey(iam, unique('saml-user'));
    await rejects(asUser(w, u).send(new CreateSAMLProviderCommand({ Name: name, SAMLMetadataDocument: doc })), 'AccessDenied', 403, /iam:CreateSAMLProvider on resource: arn:aws:iam::000000000000:saml-provider\//);
    await iam.send(new CreateSAMLProviderCommand({ Name: name, SAMLMetadataDocument: doc }));
    await rejects(iam.send(new CreateSAMLProviderCommand({ Name: name, SAMLMetadataDocument: doc })), 'EntityAlreadyExists', 409);
  });
});
