import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPolicy } from '../../../src/iam/policy/validate.js';
import { parsePolicyArn } from '../../../src/services/iam/arns.js';
import { AWS_MANAGED_POLICIES } from '../../../src/services/iam/aws-managed-policies.data.js';
import { checkInlineDocument, checkManagedDocument, checkTrustDocument, urlEncode } from '../../../src/services/iam/documents.js';
import { paginate, sortByKey } from '../../../src/services/iam/paging.js';
import { mergeTags, POLICY_TAGS, removeTags, requestTagConditions, USER_TAGS } from '../../../src/services/iam/tags.js';

const code = (fn: () => void): string => {
  try {
    fn();
  } catch (e) {
    return `${(e as { code: string }).code}: ${(e as Error).message}`;
  }
  return 'ok';
};

describe('iam service helpers', () => {
  it('paginates by key: markers survive inserts and deletes between pages', () => {
    const names = sortByKey(['d', 'b', 'a', 'c', 'e'], (s) => s);
    const p1 = paginate(names, (s) => s, { MaxItems: 2 });
    assert.deepEqual([p1.items, p1.IsTruncated], [['a', 'b'], true]);
    const changed = sortByKey(['a', 'c', 'bb', 'd', 'e'], (s) => s); // b deleted, bb added after the marker
    const p2 = paginate(changed, (s) => s, { MaxItems: 2, Marker: p1.Marker! });
    assert.deepEqual(p2.items, ['bb', 'c']);
    const p3 = paginate(changed, (s) => s, { MaxItems: 2, Marker: p2.Marker! });
    assert.deepEqual([p3.items, p3.IsTruncated, p3.Marker], [['d', 'e'], false, undefined]);
    assert.deepEqual(paginate([], (s: string) => s, {}).items, []);
    assert.equal(paginate(names, (s) => s, {}).items.length, 5); // default 100
  });

  it('merges tags case-insensitively for users and case-sensitively for policies', () => {
    assert.deepEqual(mergeTags([{ Key: 'Env', Value: 'a' }], [{ Key: 'env', Value: 'b' }], USER_TAGS), [{ Key: 'env', Value: 'b' }]);
    assert.deepEqual(mergeTags([{ Key: 'Env', Value: 'a' }], [{ Key: 'env', Value: 'b' }], POLICY_TAGS).length, 2);
    assert.deepEqual(removeTags([{ Key: 'Env', Value: 'a' }], ['ENV'], USER_TAGS), []);
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: '' }));
    assert.match(code(() => mergeTags(fifty, [{ Key: 'one-more', Value: '' }], USER_TAGS)), /^LimitExceeded/);
    assert.deepEqual(requestTagConditions([{ Key: 'team', Value: 'x' }]), { 'aws:TagKeys': ['team'], 'aws:RequestTag/team': 'x' });
  });

  it('URL-encodes documents as RFC 3986 does', () => {
    assert.equal(urlEncode('{"A": "s3:*", "B": "(x)!\'~_.-"}'), '%7B%22A%22%3A%20%22s3%3A%2A%22%2C%20%22B%22%3A%20%22%28x%29%21%27~_.-%22%7D');
    assert.equal(decodeURIComponent(urlEncode('ünï ✓')), 'ünï ✓');
  });

  it('checks documents per policy type with AWS texts', () => {
    const ok = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    assert.equal(code(() => checkManagedDocument(ok)), 'ok');
    assert.equal(code(() => checkManagedDocument('{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}')), 'MalformedPolicyDocument: Policy document must be version 2012-10-17 or greater.');
    assert.equal(code(() => checkInlineDocument('user', 'u', [{ name: 'x', document: ok }], 'y', ok)), 'ok');
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'S'.repeat(1900), Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    assert.equal(code(() => checkInlineDocument('user', 'u', [{ name: 'x', document: ok }], 'y', big)), 'LimitExceeded: Maximum policy size of 2048 bytes exceeded for user u');
    assert.equal(code(() => checkInlineDocument('user', 'u', [{ name: 'y', document: ok }], 'y', big)), 'ok'); // replaces y
    assert.equal(code(() => checkTrustDocument('nope')), 'MalformedPolicyDocument: This policy contains invalid Json');
    const trust = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '123456789012' }, Action: action }] });
    for (const a of ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:*']) assert.equal(code(() => checkTrustDocument(trust(a))), 'ok', a);
    assert.equal(code(() => checkTrustDocument(trust('sts:GetCallerIdentity'))), 'MalformedPolicyDocument: AssumeRole policy may only specify STS AssumeRole actions.');
  });

  it('parses policy ARNs: account or aws, path, name', () => {
    assert.deepEqual(parsePolicyArn('arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'), { account: 'aws', path: '/job-function/', name: 'ViewOnlyAccess' });
    assert.deepEqual(parsePolicyArn('arn:aws:iam::123456789012:policy/p'), { account: '123456789012', path: '/', name: 'p' });
    for (const bad of ['longpolicynamebutnoarn', 'arn:aws:iam::123456789012:not_a_policy/invalid', 'arn:aws:iam::12345:policy/p']) assert.equal(parsePolicyArn(bad), undefined, bad);
  });

  it('every shipped AWS managed policy validates, so the engine compiles it fully', () => {
    assert.equal(AWS_MANAGED_POLICIES.length, 11);
    for (const p of AWS_MANAGED_POLICIES) {
      const r = checkPolicy(p.document, 'managed', { skipSizeLimit: true });
      assert.ok(r.ok, `${p.name}: ${r.ok ? '' : r.problems[0]!.message}`);
      assert.match(p.version, /^v\d+$/);
    }
  });
});
