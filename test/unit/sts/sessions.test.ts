import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { checkSessionToken, rootPrincipal, type ResolvedKey } from '../../../src/auth/credentials.js';
import { cloudTrailDate, packedPolicySize, tagConditions } from '../../../src/services/sts/sessions.js';

describe('sts sessions', () => {
  it('writes expirations as CloudTrail does for STS credentials', () => {
    assert.equal(cloudTrailDate(new Date('2020-03-28T15:16:06Z')), 'Mar 28, 2020 3:16:06 PM');
    assert.equal(cloudTrailDate(new Date('2021-01-02T00:05:09Z')), 'Jan 2, 2021 12:05:09 AM');
    assert.equal(cloudTrailDate(new Date('2021-01-02T12:00:00Z')), 'Jan 2, 2021 12:00:00 PM');
  });

  it('reports PackedPolicySize only when policies or tags are passed, and refuses over 100 %', () => {
    assert.equal(packedPolicySize(undefined, undefined, undefined), undefined);
    assert.equal(packedPolicySize(undefined, [], []), undefined);
    const small = packedPolicySize('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}', undefined, [{ Key: 'a', Value: 'b' }])!;
    assert.ok(small >= 1 && small < 20, String(small));
    const noise = (n: number) => createHash('sha512').update(String(n)).digest('base64').slice(0, 80);
    const tags = Array.from({ length: 50 }, (_, i) => ({ Key: noise(i), Value: noise(i + 1000) + noise(i + 2000) }));
    assert.throws(() => packedPolicySize(undefined, undefined, tags), { code: 'PackedPolicyTooLarge' });
  });

  it('gives the condition keys of session tags', () => {
    assert.deepEqual(tagConditions(undefined, undefined), {});
    assert.deepEqual(tagConditions([{ Key: 'team', Value: 'blue' }], ['team']), { 'aws:RequestTag/team': 'blue', 'aws:TagKeys': ['team'], 'sts:TransitiveTagKeys': ['team'] });
  });

  it('checks a session token: missing or wrong → invalid, after the end → expired', () => {
    const token = 'tok';
    const resolved: ResolvedKey = {
      principal: rootPrincipal('000000000000', 'ASIAEXAMPLE'),
      secretAccessKey: 's',
      session: { tokenHash: createHash('sha256').update(token).digest('hex'), expiresMs: 1000 },
    };
    assert.equal(checkSessionToken(resolved, undefined, 0), 'invalid');
    assert.equal(checkSessionToken(resolved, 'other', 0), 'invalid');
    assert.equal(checkSessionToken(resolved, token, 999), null);
    assert.equal(checkSessionToken(resolved, token, 1000), 'expired');
    assert.equal(checkSessionToken({ principal: resolved.principal, secretAccessKey: 's' }, undefined, 0), null);
  });
});
