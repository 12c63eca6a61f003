import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { AwsError } from '../../../src/core/errors.js';
import { COPY_SOURCE_SSE_C_HEADER, customerDataKey, customerKey, customerKeyRecord } from '../../../src/services/s3/sse.js';

const md5 = (k: Buffer): string => createHash('md5').update(k).digest('base64');
const headers = (k: Buffer) => ({ algorithm: 'AES256', key: k.toString('base64'), md5: md5(k) });
const code = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    assert.ok(err instanceof AwsError, String(err));
    return `${err.code} ${err.httpStatus}`;
  }
  return 'ok';
};

describe('s3 SSE-C key checks', () => {
  it('no headers: no key; any header over plain HTTP: InvalidRequest', () => {
    assert.equal(customerKey({}, false), undefined);
    assert.equal(code(() => customerKey(headers(randomBytes(32)), false)), 'InvalidRequest 400');
  });

  it('checks algorithm, key length and MD5, naming the header that is wrong', () => {
    const k = randomBytes(32);
    assert.deepEqual(customerKey(headers(k), true), { key: k, md5: md5(k) });
    assert.equal(code(() => customerKey({ ...headers(k), algorithm: 'AES128' }, true)), 'InvalidArgument 400');
    assert.equal(code(() => customerKey({ ...headers(k), key: randomBytes(31).toString('base64') }, true)), 'InvalidArgument 400');
    assert.equal(code(() => customerKey({ ...headers(k), md5: undefined }, true)), 'InvalidArgument 400');
    try {
      customerKey({ ...headers(k), md5: md5(randomBytes(32)) }, true, COPY_SOURCE_SSE_C_HEADER);
      assert.fail('accepted');
    } catch (err) {
      assert.equal((err as AwsError).message, 'The calculated MD5 hash of the key did not match the hash that was provided.');
      assert.equal((err as AwsError).fields['ArgumentName'], 'x-amz-copy-source-server-side-encryption-customer-key-MD5');
    }
  });

  it('the record keeps a salted HMAC, never the key; reads check it', () => {
    const ck = customerKey(headers(randomBytes(32)), true)!;
    const rec = customerKeyRecord(ck);
    assert.ok(!JSON.stringify(rec).includes(ck.key.toString('base64')));
    assert.notEqual(JSON.stringify(customerKeyRecord(ck)), JSON.stringify(rec), 'a fresh salt each time');
    assert.deepEqual(customerDataKey(rec, ck), ck.key);
    assert.equal(code(() => customerDataKey(rec, undefined)), 'InvalidRequest 400');
    assert.equal(code(() => customerDataKey(rec, customerKey(headers(randomBytes(32)), true))), 'AccessDenied 403');
    assert.equal(customerDataKey({ kind: 'AES256', sealedKey: '' }, undefined), undefined);
    assert.equal(code(() => customerDataKey({ kind: 'AES256', sealedKey: '' }, ck)), 'InvalidRequest 400');
  });
});
