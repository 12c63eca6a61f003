import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pooledRandomBytes } from '../../../src/crypto/random.js';

describe('pooledRandomBytes', () => {
  it('hands out fresh buffers of the asked size, across pool refills and above the pooled size', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const b = pooledRandomBytes(32);
      assert.equal(b.length, 32);
      const hex = b.toString('hex');
      assert.ok(!seen.has(hex), 'no slice is handed out twice');
      seen.add(hex);
    }
    assert.equal(pooledRandomBytes(0).length, 0);
    assert.equal(pooledRandomBytes(1000).length, 1000);
  });

  it('a buffer handed out is the caller\'s own: zeroing it does not change later draws', () => {
    const a = pooledRandomBytes(64);
    const copy = Buffer.from(a);
    a.fill(0);
    const b = pooledRandomBytes(64);
    assert.notDeepEqual([...b], [...copy]);
    assert.ok(b.some((x) => x !== 0));
  });

  it('looks uniform: every byte value appears over 64 KiB', () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 2048; i++) for (const x of pooledRandomBytes(32)) counts[x]!++;
    assert.ok(counts.every((c) => c > 100), 'each of 256 values about 256 times');
  });
});
