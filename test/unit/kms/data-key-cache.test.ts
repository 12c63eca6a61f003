import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataKeyCache } from '../../../src/services/kms/data-key-cache.js';

describe('kms DataKeyCache', () => {
  const arn = 'arn:aws:kms:us-east-1:000000000000:key/k';
  const blob = Buffer.from('blob');

  it('keys entries by key, blob and encryption context (order-insensitive)', () => {
    const a = DataKeyCache.id(arn, blob, { a: '1', b: '2' });
    assert.equal(a, DataKeyCache.id(arn, blob, { b: '2', a: '1' }));
    assert.notEqual(a, DataKeyCache.id(arn, blob, { a: '1', b: '3' }));
    assert.notEqual(a, DataKeyCache.id(arn, Buffer.from('blob2'), { a: '1', b: '2' }));
    assert.notEqual(a, DataKeyCache.id(`${arn}2`, blob, { a: '1', b: '2' }));
    assert.notEqual(DataKeyCache.id(arn, blob, { ab: '' }), DataKeyCache.id(arn, blob, { a: 'b' }));
  });

  it('no blob with bytes appended, nor context text with separators in it, maps to another entry', () => {
    const ctx = { a: 'b' };
    const id = DataKeyCache.id(arn, blob, ctx);
    // The encoding of {a: 'b'} after the blob, appended to the blob with an empty context.
    for (const tail of ['\x001:a1:b', '1:a1:b', '\0a\0b\0']) {
      assert.notEqual(DataKeyCache.id(arn, Buffer.concat([blob, Buffer.from(tail, 'latin1')]), {}), id);
    }
    assert.notEqual(DataKeyCache.id(arn, blob, { a: 'x\0b\0y' }), DataKeyCache.id(arn, blob, { a: 'x', b: 'y' }));
    assert.notEqual(DataKeyCache.id(arn, blob, { a: '1:b' }), DataKeyCache.id(arn, blob, { a: '', b: '' }));
  });

  it('hands out copies, expires entries after the TTL and zeroes what it drops', () => {
    const c = new DataKeyCache(1000, 10);
    const key = Buffer.from([1, 2, 3]);
    c.set('x', key, 0);
    key.fill(9);
    const got = c.get('x', 999)!;
    assert.deepEqual([...got], [1, 2, 3]);
    got.fill(0);
    assert.deepEqual([...c.get('x', 999)!], [1, 2, 3]);
    assert.equal(c.get('x', 1000), undefined);
    assert.equal(c.size, 0);
  });

  it('evicts the least recently used entry when full', () => {
    const c = new DataKeyCache(60_000, 2);
    c.set('a', Buffer.from([1]), 0);
    c.set('b', Buffer.from([2]), 0);
    c.get('a', 1);
    c.set('c', Buffer.from([3]), 2);
    assert.equal(c.get('b', 3), undefined);
    assert.deepEqual([...c.get('a', 3)!], [1]);
    assert.deepEqual([...c.get('c', 3)!], [3]);
    assert.equal(c.size, 2);
  });
});
