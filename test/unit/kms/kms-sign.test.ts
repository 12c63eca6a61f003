import assert from 'node:assert/strict';
import { createECDH, createHash, generateKeyPairSync, verify, constants, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { CURVES, derSignature, parseDerSignature } from '../../../src/crypto/kms-ecdsa.js';
import { kmsSign, kmsVerify, type KmsSigningAlgorithm } from '../../../src/crypto/kms-sign.js';

const msg = Buffer.from('the message KMS signs');
const hashOf = (alg: string) => (alg.endsWith('256') ? 'sha256' : alg.endsWith('384') ? 'sha384' : 'sha512');

function nodeVerify(pub: KeyObject, alg: KmsSigningAlgorithm, sig: Buffer): boolean {
  const h = hashOf(alg);
  if (alg.startsWith('ECDSA')) return verify(h, msg, { key: pub, dsaEncoding: 'der' }, sig);
  if (alg.startsWith('RSASSA_PSS')) return verify(h, msg, { key: pub, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: createHash(h).digest().length }, sig);
  return verify(h, msg, { key: pub, padding: constants.RSA_PKCS1_PADDING }, sig);
}

describe('kms signing primitives', () => {
  it('has each curve order right: (n-1)·G and G share their x coordinate', () => {
    for (const c of Object.values(CURVES)) {
      const x = (k: bigint) => {
        const e = createECDH(c.ecdh);
        e.setPrivateKey(Buffer.from(k.toString(16).padStart(c.bytes * 2, '0'), 'hex'));
        return e.getPublicKey().subarray(1, 1 + c.bytes).toString('hex');
      };
      assert.equal(x(c.n - 1n), x(1n), c.ecdh);
    }
  });

  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cases: [string, { privateKey: KeyObject; publicKey: KeyObject }, KmsSigningAlgorithm][] = [
    ['P-256', generateKeyPairSync('ec', { namedCurve: 'prime256v1' }), 'ECDSA_SHA_256'],
    ['P-384', generateKeyPairSync('ec', { namedCurve: 'secp384r1' }), 'ECDSA_SHA_384'],
    ['P-521', generateKeyPairSync('ec', { namedCurve: 'secp521r1' }), 'ECDSA_SHA_512'],
    ['secp256k1', generateKeyPairSync('ec', { namedCurve: 'secp256k1' }), 'ECDSA_SHA_256'],
    ...(['RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512', 'RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512'] as const).map(
      (a) => ['RSA-2048', rsa, a] as [string, typeof rsa, KmsSigningAlgorithm],
    ),
  ];
  for (const [name, pair, alg] of cases) {
    it(`${alg} on ${name}: RAW and DIGEST signatures verify with node:crypto and with kmsVerify`, () => {
      const digest = createHash(hashOf(alg)).update(msg).digest();
      for (const [input, isDigest] of [[msg, false], [digest, true]] as const) {
        const sig = kmsSign(pair.privateKey, alg, input, isDigest);
        assert.ok(nodeVerify(pair.publicKey, alg, sig), `node verifies ${isDigest ? 'DIGEST' : 'RAW'}`);
        assert.ok(kmsVerify(pair.privateKey, pair.publicKey, alg, input, isDigest, sig));
        const bad = Buffer.from(sig);
        bad[bad.length - 1]! ^= 1;
        assert.equal(kmsVerify(pair.privateKey, pair.publicKey, alg, input, isDigest, bad), false);
      }
    });
  }

  it('encodes and parses DER signatures, long form included', () => {
    const r = (1n << 520n) + 5n;
    const s = 0x80n;
    assert.deepEqual(parseDerSignature(derSignature(r, s)), { r, s });
    assert.equal(parseDerSignature(Buffer.from('3000', 'hex')), undefined);
  });
});
