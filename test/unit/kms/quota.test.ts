import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/config/config.js';
import { RateLimiter } from '../../../src/services/kms/quota.js';

describe('kms request quota', () => {
  it('allows N per second per scope, refilling continuously', () => {
    const l = new RateLimiter(4);
    for (let i = 0; i < 4; i++) assert.equal(l.take('a', 0), true);
    assert.equal(l.take('a', 0), false);
    assert.equal(l.take('b', 0), true); // another account or Region
    assert.equal(l.take('a', 249), false);
    assert.equal(l.take('a', 250), true); // a quarter second = one token
    assert.equal(l.take('a', 250), false);
    for (let i = 0; i < 4; i++) assert.equal(l.take('a', 10_000), true); // never more than N banked
    assert.equal(l.take('a', 10_000), false);
  });

  it('is off by default and read from --kms-quota / WARDEN_KMS_QUOTA', () => {
    assert.equal(parseConfig([], {}).kmsQuota, 0);
    assert.equal(parseConfig(['--kms-quota', '100'], {}).kmsQuota, 100);
    assert.equal(parseConfig([], { WARDEN_KMS_QUOTA: '7' }).kmsQuota, 7);
    assert.throws(() => parseConfig(['--kms-quota', '-1'], {}), /--kms-quota/);
  });
});
