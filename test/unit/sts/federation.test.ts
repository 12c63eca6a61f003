import assert from 'node:assert/strict';
import { createCipheriv, createDecipheriv, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import { accessKeyIdFor, accountEncodedIn } from '../../../src/auth/credentials.js';
import type { SealingBarrier } from '../../../src/core/operation.js';
import type { Decision } from '../../../src/iam/authorizer.js';
import { decodeAuthorizationMessage, encodeAuthorizationMessage } from '../../../src/iam/authorization-message.js';
import { compileNotPrincipal, compilePrincipal } from '../../../src/iam/policy/principals.js';
import { decodeJwt, matchingAudience, verifyJwt } from '../../../src/services/sts/web-identity.js';

describe('access key ids carry their account', () => {
  it('round-trips any 12-digit account through AKIA and ASIA ids', () => {
    for (const account of ['000000000000', '111122223333', '999999999999', '609629065308']) {
      for (const prefix of ['AKIA', 'ASIA'] as const) {
        const id = accessKeyIdFor(prefix, account);
        assert.match(id, new RegExp(`^${prefix}[A-Z2-7]{16}$`));
        assert.equal(accountEncodedIn(id), account);
      }
    }
    // Two ids for one account differ (the other 39 bits are random).
    assert.notEqual(accessKeyIdFor('AKIA', '111122223333'), accessKeyIdFor('AKIA', '111122223333'));
  });

  it('decodes ids AWS issued (published example) and refuses what is not base32', () => {
    assert.equal(accountEncodedIn('ASIAY34FZKBOKMUTVV7A'), '609629065308');
    assert.equal(accountEncodedIn('AKIA0000000000000000'), undefined);
    assert.equal(accountEncodedIn('short'), undefined);
  });
});

describe('Federated principals', () => {
  const provider = 'arn:aws:iam::111122223333:oidc-provider/idp.example.com';
  const web = { type: 'WebIdentityUser' as const, arn: provider, account: '111122223333', accountArn: 'arn:aws:iam::111122223333:root', federatedArn: provider };
  const user = { type: 'IAMUser' as const, arn: 'arn:aws:iam::111122223333:user/u', account: '111122223333', accountArn: 'arn:aws:iam::111122223333:root' };

  it('match the web identity of that provider only, and nothing else', () => {
    assert.equal(compilePrincipal({ Federated: [provider] }).match(web), 'exact');
    assert.equal(compilePrincipal({ Federated: ['arn:aws:iam::111122223333:oidc-provider/other'] }).match(web), undefined);
    assert.equal(compilePrincipal({ AWS: ['arn:aws:iam::111122223333:root'] }).match(web), undefined);
    assert.equal(compilePrincipal({ Federated: [provider] }).match(user), undefined);
    assert.equal(compilePrincipal('*').match(web), 'wildcard');
    assert.equal(compileNotPrincipal({ Federated: [provider] }).match(web), undefined);
    assert.equal(compileNotPrincipal({ Federated: ['x'] }).match(web), 'wildcard');
  });
});

describe('JWT verification', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...rsa.publicKey.export({ format: 'jwk' }), kid: 'k1' };
  const keys = [{ jwk, key: rsa.publicKey }];
  const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const token = (claims: object, header: object = { alg: 'RS256', kid: 'k1' }) => {
    const input = `${b64(header)}.${b64(claims)}`;
    return `${input}.${sign('sha256', Buffer.from(input), rsa.privateKey).toString('base64url')}`;
  };
  const now = 1_700_000_000_000;
  const base = { iss: 'https://idp.example.com', sub: 's', aud: 'a', exp: now / 1000 + 60 };

  it('accepts a good token and checks kid, exp and nbf', () => {
    verifyJwt(decodeJwt(token(base)), keys, now);
    assert.throws(() => verifyJwt(decodeJwt(token(base, { alg: 'RS256', kid: 'other' })), keys, now), { code: 'InvalidIdentityToken' });
    assert.throws(() => verifyJwt(decodeJwt(token({ ...base, exp: now / 1000 })), keys, now), { code: 'ExpiredTokenException' });
    assert.throws(() => verifyJwt(decodeJwt(token({ ...base, nbf: now / 1000 + 5 })), keys, now), { code: 'InvalidIdentityToken' });
    assert.throws(() => verifyJwt(decodeJwt(token(base, { alg: 'HS256' })), keys, now), { code: 'InvalidIdentityToken' });
    assert.throws(() => verifyJwt(decodeJwt(token(base)), undefined, now), { code: 'IDPCommunicationError' });
    assert.throws(() => decodeJwt('a.b'), { code: 'InvalidIdentityToken' });
    assert.throws(() => decodeJwt(token({ iss: 'x', aud: 'a' })), { code: 'InvalidIdentityToken' });
  });

  it('finds the audience among the client ids', () => {
    assert.equal(matchingAudience({ ...base, aud: ['x', 'a'] }, ['a']), 'a');
    assert.equal(matchingAudience(base, ['b']), undefined);
  });
});

describe('encoded authorization messages', () => {
  const key = randomBytes(32);
  const barrier: SealingBarrier = {
    seal(aad, bytes) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(aad));
      const body = Buffer.concat([c.update(bytes), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    unseal(aad, bytes) {
      const b = Buffer.from(bytes);
      const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12)).setAAD(Buffer.from(aad));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]);
    },
  };
  const decision: Decision = {
    allowed: false,
    explicitDeny: true,
    decision: 'explicitDeny',
    decidedBy: 'identity-based policy',
    matchedStatements: [{ policyKind: 'identity', policyId: 'user/u/inline/p', index: 0, effect: 'Deny', sid: 'No' }],
    missingContextKeys: [],
    explanation: '',
    principalArn: 'arn:aws:iam::111122223333:user/u',
    action: 'kms:CreateKey',
    resource: '*',
  };
  const principal = { type: 'IAMUser' as const, account: '111122223333', arn: 'arn:aws:iam::111122223333:user/u', principalId: 'AIDAEXAMPLE', accessKeyId: 'AKIA', userName: 'u' };

  it('round-trips for the same account only, and stays under 10,240 characters', () => {
    const ctx = new Map<string, string | string[]>([['aws:sourceip', '10.0.0.1'], ['kms:keyspec', ['a', 'b']]]);
    const m = encodeAuthorizationMessage(barrier, decision, principal, ctx);
    const d = JSON.parse(decodeAuthorizationMessage(barrier, m, '111122223333')!);
    assert.deepEqual(d.context.conditions.items[1], { key: 'kms:keyspec', values: { items: [{ value: 'a' }, { value: 'b' }] } });
    assert.equal(d.matchedStatements.items[0].effect, 'DENY');
    assert.equal(decodeAuthorizationMessage(barrier, m, '444455556666'), undefined);
    assert.equal(decodeAuthorizationMessage(barrier, 'x!', '111122223333'), undefined);
    const big = new Map(Array.from({ length: 2000 }, (_, i) => [`k${i}`, 'v'.repeat(20)] as [string, string]));
    assert.ok(encodeAuthorizationMessage(barrier, decision, principal, big).length <= 10_240);
  });
});

describe('exclusive XML canonicalization', async () => {
  const { parseXml } = await import('../../../src/services/iam/xml.js');
  const { excC14n } = await import('../../../src/services/iam/xmldsig.js');

  it('renders visibly used namespaces on the apex, sorts attributes, expands empty elements', () => {
    const root = parseXml('<a:r xmlns:a="urn:a" xmlns:b="urn:b" xmlns:unused="urn:u"><a:x z="1" b:y="2" a="3"/>\r\n<b:q>&lt;t&gt; &amp; "</b:q></a:r>');
    const x = root.children.find((c) => 'local' in c && c.local === 'x') as Parameters<typeof excC14n>[0];
    assert.equal(excC14n(x), '<a:x xmlns:a="urn:a" xmlns:b="urn:b" a="3" z="1" b:y="2"></a:x>');
    assert.equal(excC14n(root), '<a:r xmlns:a="urn:a"><a:x xmlns:b="urn:b" a="3" z="1" b:y="2"></a:x>\n<b:q xmlns:b="urn:b">&lt;t&gt; &amp; "</b:q></a:r>');
    // An InclusiveNamespaces PrefixList renders a prefix even when unused.
    assert.equal(excC14n(x, ['unused']), '<a:x xmlns:a="urn:a" xmlns:b="urn:b" xmlns:unused="urn:u" a="3" z="1" b:y="2"></a:x>');
  });

  it('refuses DOCTYPE and unknown entities', () => {
    assert.throws(() => parseXml('<!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>'));
    assert.throws(() => parseXml('<r>&x;</r>'));
    assert.throws(() => parseXml('<p:r/>'));
  });
});
