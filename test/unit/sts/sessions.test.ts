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

describe('sts expired sessions', () => {
  it('are purged to tombstones a day after they end and still answer expired, not unknown', async () => {
    const { randomBytes } = await import('node:crypto');
    const { createMemoryStore } = await import('../../../src/store/memory.js');
    const { Barrier } = await import('../../../src/crypto/barrier.js');
    const { CredentialResolver, issueSessionCredentials, purgeExpiredSessions, SESSION_PURGE_AFTER_MS } = await import('../../../src/auth/credentials.js');
    const store = createMemoryStore();
    const barrier = await Barrier.open(store, randomBytes(32));
    const principal = { ...rootPrincipal('000000000000', 'x'), type: 'AssumedRole' as const, arn: 'arn:aws:sts::000000000000:assumed-role/r/s', sessionData: { issuedBy: 'AssumeRole' as const, expiresMs: 1_000, policies: [{ id: 'session policy', document: '{"big":"policy"}' }], tags: {}, transitiveTagKeys: [] } };
    const old = await store.write(async (tx) => issueSessionCredentials(tx, barrier, principal, 0, 1_000));
    const fresh = await store.write(async (tx) => issueSessionCredentials(tx, barrier, principal, 0, SESSION_PURGE_AFTER_MS));
    const now = 1_000 + SESSION_PURGE_AFTER_MS;
    let after: string | undefined;
    let purged = 0;
    do {
      const page = await store.write((tx) => purgeExpiredSessions(tx, now, after, 1));
      purged += page.purged;
      after = page.next;
    } while (after !== undefined);
    assert.equal(purged, 1);
    const resolver = new CredentialResolver('secure', '000000000000', barrier);
    const gone = (await store.read((tx) => resolver.resolve(tx, old.accessKeyId)))!;
    assert.equal(gone.secretAccessKey, undefined);
    assert.equal(checkSessionToken(gone, old.sessionToken, now), 'expired');
    assert.equal(checkSessionToken(gone, 'forged', now), 'invalid');
    const row = await store.read((tx) => tx.get(`auth/global/global/access-key/${old.accessKeyId}`));
    const text = Buffer.from(row!.value).toString('utf8');
    assert.ok(!text.includes('big') && !text.includes('assumed-role'), text);
    const kept = (await store.read((tx) => resolver.resolve(tx, fresh.accessKeyId)))!;
    assert.equal(kept.secretAccessKey, fresh.secretAccessKey);
  });
});
