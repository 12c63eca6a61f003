import assert from 'node:assert/strict';
import { createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { BLOB_OVERHEAD, canonicalContext, isBlobKeyId, openBlob, parseBlobHeader, sealBlob } from '../../../src/crypto/kms-blob.js';

const key = createSecretKey(randomBytes(32));
const id = randomUUID();

describe('kms ciphertext blob', () => {
  it('round-trips and names its key and backing version in the header', () => {
    const blob = sealBlob(key, id, 7, Buffer.from('secret'), { b: '2', a: '1' });
    assert.equal(blob.length, BLOB_OVERHEAD + 6);
    assert.equal(blob[0], 1);
    assert.deepEqual(parseBlobHeader(blob), { keyId: id, version: 7 });
    assert.equal(openBlob(key, blob, { a: '1', b: '2' })!.toString(), 'secret');
  });

  it('carries multi-Region key ids in format 2', () => {
    const mrk = `mrk-${randomBytes(16).toString('hex')}`;
    const blob = sealBlob(key, mrk, 1, Buffer.from('x'));
    assert.equal(blob[0], 2);
    assert.deepEqual(parseBlobHeader(blob), { keyId: mrk, version: 1 });
    assert.ok(isBlobKeyId(mrk) && isBlobKeyId(id) && !isBlobKeyId('alias/x'));
  });

  it('binds the encryption context exactly, in any order, case-sensitively', () => {
    const blob = sealBlob(key, id, 1, Buffer.from('x'), { Dept: 'eng', proj: 'a' });
    assert.ok(openBlob(key, blob, { proj: 'a', Dept: 'eng' }));
    assert.equal(openBlob(key, blob, { dept: 'eng', proj: 'a' }), undefined);
    assert.equal(openBlob(key, blob, { Dept: 'eng' }), undefined);
    assert.equal(openBlob(key, blob), undefined);
    // An empty context and no context are the same.
    assert.ok(openBlob(key, sealBlob(key, id, 1, Buffer.from('x'), {}), undefined));
  });

  it('keeps ambiguous contexts apart (length-prefixed pairs)', () => {
    assert.notDeepEqual(canonicalContext({ ab: 'c' }), canonicalContext({ a: 'bc' }));
    const blob = sealBlob(key, id, 1, Buffer.from('x'), { ab: 'c' });
    assert.equal(openBlob(key, blob, { a: 'bc' }), undefined);
  });

  it('refuses a blob whose header, IV, body or tag was altered', () => {
    const blob = sealBlob(key, id, 3, Buffer.from('hello world'));
    for (const at of [0, 1, 17, 20, 21, 40, blob.length - 1]) {
      const t = Buffer.from(blob);
      t[at]! ^= 1;
      assert.equal(openBlob(key, t), undefined, `byte ${at}`);
    }
    assert.equal(openBlob(key, blob.subarray(0, blob.length - 1)), undefined);
    assert.equal(openBlob(createSecretKey(randomBytes(32)), blob), undefined);
  });

  it('does not parse bytes that are not a Warden blob', () => {
    assert.equal(parseBlobHeader(randomBytes(10)), undefined);
    const b = randomBytes(100);
    b[0] = 9;
    assert.equal(parseBlobHeader(b), undefined);
  });

  it('never repeats an IV', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 1000; i++) ivs.add(sealBlob(key, id, 1, Buffer.from('x')).subarray(21, 33).toString('hex'));
    assert.equal(ivs.size, 1000);
  });
});
