import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessDeniedMessage } from '../../../src/iam/authorizer.js';
import { createEngineAuthorizer, resourceRuleFor } from '../../../src/iam/engine.js';
import { PolicyCache } from '../../../src/iam/policy/compile.js';
import type { OrganizationPolicies, PrincipalPolicySource } from '../../../src/iam/sources.js';
import type { ReadTx } from '../../../src/store/store.js';
import { A, ENV, KEY, allow, defaultKeyPolicy, deny, doc, root, user, when } from './cases/helpers.js';

const tx: ReadTx = { get: async () => undefined, scan: async () => [], queryAudit: async () => [] };
const alice = user('alice');

describe('iam engine authorizer', () => {
  it('reads the principal\'s policies through the PrincipalPolicySource with the transaction', async () => {
    const seen: ReadTx[] = [];
    const policies: PrincipalPolicySource = {
      policiesFor: async (t, p) => {
        seen.push(t);
        return p.arn === alice.arn ? { identity: [{ id: `arn:aws:iam::${A}:policy/ReadOnly`, document: JSON.stringify(doc({ Sid: 'Read', ...allow('s3:Get*') }, deny('s3:GetObject', 'arn:aws:s3:::private/*'))) }], session: [], tags: {} } : { identity: [], session: [], tags: {} };
      },
    };
    const authz = createEngineAuthorizer({ policies });
    const d = await authz.decide(alice, { action: 's3:GetObject', resource: 'arn:aws:s3:::public/a' }, ENV, tx);
    assert.equal(seen[0], tx);
    assert.equal(d.decision, 'allowed');
    assert.deepEqual(d.decidingStatement, { policyKind: 'identity', policyId: `arn:aws:iam::${A}:policy/ReadOnly`, index: 0, effect: 'Allow', sid: 'Read' });
    assert.match(d.explanation, /allowed by statement "Read" \(#0\) of arn:aws:iam::111111111111:policy\/ReadOnly/);
    const denied = await authz.decide(alice, { action: 's3:GetObject', resource: 'arn:aws:s3:::private/a' }, ENV, tx);
    assert.equal(denied.decision, 'explicitDeny');
    assert.equal(denied.decidingStatement?.index, 1);
    assert.equal(denied.matchedStatements.length, 2);
    assert.equal(accessDeniedMessage(alice, { action: 's3:GetObject', resource: 'arn:aws:s3:::private/a' }, denied), `User: ${alice.arn} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::private/a with an explicit deny in an identity-based policy`);
  });

  it('evaluates the organization\'s SCPs for the caller\'s account and sets aws:PrincipalOrgID', async () => {
    const organizations: OrganizationPolicies = {
      serviceControlPolicies: async (_t, acct) => (acct === A ? [[{ id: 'p-FullAWSAccess', document: JSON.stringify(doc(allow('*'))) }], [{ id: 'p-FullAWSAccess', document: JSON.stringify(doc(allow('*'))) }, { id: 'p-deny-kms', document: JSON.stringify(doc(deny('kms:ScheduleKeyDeletion'))) }]] : undefined),
      resourceControlPolicies: async () => undefined,
      organizationId: async () => 'o-abc123def4',
    };
    const authz = createEngineAuthorizer({ organizations });
    const d = await authz.decide(root(), { action: 'kms:ScheduleKeyDeletion', resource: KEY, resourcePolicy: JSON.stringify(defaultKeyPolicy()) }, ENV, tx);
    assert.equal(d.decision, 'explicitDeny');
    assert.equal(d.decidedBy, 'service control policy');
    assert.equal(d.decidingStatement?.policyId, 'p-deny-kms');
    const org = await authz.decide(root(), { action: 'secretsmanager:GetSecretValue', resource: `arn:aws:secretsmanager:us-east-1:${A}:secret:x`, resourcePolicy: JSON.stringify(doc(deny('*', '*', { Principal: '*', ...when({ StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } }) }))) }, ENV, tx);
    assert.equal(org.decision, 'allowed');
  });

  it('lists the context keys a statement missed', async () => {
    const d = await createEngineAuthorizer().decide(root(), { action: 'kms:Encrypt', resource: KEY, resourcePolicy: JSON.stringify(doc({ Effect: 'Allow', Principal: { AWS: A }, Action: 'kms:*', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:dept': 'x' } } })) }, ENV, tx);
    assert.equal(d.decision, 'implicitDeny');
    assert.deepEqual(d.missingContextKeys, ['kms:EncryptionContext:dept']);
    assert.match(d.explanation, /Context keys not in the request: kms:EncryptionContext:dept/);
  });

  it('omits " on resource:" for actions on "*"', () => {
    assert.equal(accessDeniedMessage(alice, { action: 'kms:ListKeys', resource: '*' }, { explicitDeny: false, decidedBy: 'identity-based policy' }), `User: ${alice.arn} is not authorized to perform: kms:ListKeys because no identity-based policy allows the kms:ListKeys action`);
  });

  it('picks the key-policy and trust-policy rules by action and resource', () => {
    assert.equal(resourceRuleFor('kms:Decrypt', KEY), 'key');
    assert.equal(resourceRuleFor('kms:CreateAlias', `arn:aws:kms:us-east-1:${A}:alias/x`), 'resource');
    assert.equal(resourceRuleFor('STS:AssumeRole', `arn:aws:iam::${A}:role/x`), 'trust');
    assert.equal(resourceRuleFor('sts:GetSessionToken', '*'), 'resource');
  });

  it('compiles each document once and keeps the cache bounded', () => {
    const cache = new PolicyCache(2);
    const text = JSON.stringify(doc(allow('s3:*')));
    const a = cache.get(text, 'managed');
    assert.equal(cache.get(`${text}`, 'managed'), a);
    cache.get(JSON.stringify(doc(allow('kms:*'))), 'managed');
    cache.get(JSON.stringify(doc(allow('sqs:*'))), 'managed');
    assert.equal(cache.size, 2);
    assert.notEqual(cache.get(text, 'managed'), a);
  });
});
