/**
 * KMS signing algorithms on node:crypto. RAW messages use node's sign/verify (which hash the
 * input); DIGEST messages are signed as given: RSASSA-PKCS1-v1_5 through the DigestInfo
 * encoding and a PKCS#1 type-1 private operation, RSASSA-PSS through EMSA-PSS (RFC 8017 §9.1,
 * MGF1 with the same hash, salt length = hash length, as KMS documents) and a raw RSA operation,
 * ECDSA through kms-ecdsa.ts.
 * https://docs.aws.amazon.com/kms/latest/developerguide/asymmetric-key-specs.html
 */
import { constants, createHash, privateDecrypt, privateEncrypt, publicDecrypt, publicEncrypt, randomBytes, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { ecdsaSignDigest, ecdsaVerifyDigest } from './kms-ecdsa.js';

export type KmsSigningAlgorithm =
  | 'RSASSA_PSS_SHA_256' | 'RSASSA_PSS_SHA_384' | 'RSASSA_PSS_SHA_512'
  | 'RSASSA_PKCS1_V1_5_SHA_256' | 'RSASSA_PKCS1_V1_5_SHA_384' | 'RSASSA_PKCS1_V1_5_SHA_512'
  | 'ECDSA_SHA_256' | 'ECDSA_SHA_384' | 'ECDSA_SHA_512';

type Hash = 'sha256' | 'sha384' | 'sha512';

const HASH_BYTES: Readonly<Record<Hash, number>> = { sha256: 32, sha384: 48, sha512: 64 };

// DER DigestInfo prefixes, RFC 8017 §9.2 note 1.
const DIGEST_INFO: Readonly<Record<Hash, Buffer>> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

export function hashOf(alg: KmsSigningAlgorithm): Hash {
  return alg.endsWith('256') ? 'sha256' : alg.endsWith('384') ? 'sha384' : 'sha512';
}

/** The digest length a DIGEST message must have for `alg`. */
export const digestLength = (alg: KmsSigningAlgorithm): number => HASH_BYTES[hashOf(alg)];

const isPss = (alg: KmsSigningAlgorithm) => alg.startsWith('RSASSA_PSS');
const isEcdsa = (alg: KmsSigningAlgorithm) => alg.startsWith('ECDSA');

function nativeOptions(key: KeyObject, alg: KmsSigningAlgorithm) {
  if (isEcdsa(alg)) return { key, dsaEncoding: 'der' as const };
  if (isPss(alg)) return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: digestLength(alg) };
  return { key, padding: constants.RSA_PKCS1_PADDING };
}

/** Signs `message` (or, when `isDigest`, the digest it is) with a private key. */
export function kmsSign(priv: KeyObject, alg: KmsSigningAlgorithm, message: Uint8Array, isDigest: boolean): Buffer {
  if (!isDigest) return sign(hashOf(alg), message, nativeOptions(priv, alg));
  if (isEcdsa(alg)) return ecdsaSignDigest(priv, message);
  const hash = hashOf(alg);
  if (!isPss(alg)) return privateEncrypt({ key: priv, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([DIGEST_INFO[hash], message]));
  const modBits = priv.asymmetricKeyDetails?.modulusLength ?? 0;
  const em = pssEncode(hash, Buffer.from(message), modBits - 1);
  return privateDecrypt({ key: priv, padding: constants.RSA_NO_PADDING }, leftPad(em, Math.ceil(modBits / 8)));
}

/** Verifies a signature. EC digests are verified with the private key (kms-ecdsa.ts). */
export function kmsVerify(priv: KeyObject, pub: KeyObject, alg: KmsSigningAlgorithm, message: Uint8Array, isDigest: boolean, signature: Uint8Array): boolean {
  try {
    if (!isDigest) return verify(hashOf(alg), message, nativeOptions(pub, alg), signature);
    if (isEcdsa(alg)) return ecdsaVerifyDigest(priv, message, signature);
    const hash = hashOf(alg);
    const k = Math.ceil((pub.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
    if (signature.byteLength !== k) return false;
    if (!isPss(alg)) {
      const recovered = publicDecrypt({ key: pub, padding: constants.RSA_PKCS1_PADDING }, signature);
      const expected = Buffer.concat([DIGEST_INFO[hash], message]);
      return recovered.length === expected.length && timingSafeEqual(recovered, expected);
    }
    const modBits = pub.asymmetricKeyDetails?.modulusLength ?? 0;
    const m = publicEncrypt({ key: pub, padding: constants.RSA_NO_PADDING }, signature);
    return pssVerify(hash, Buffer.from(message), m, modBits - 1);
  } catch {
    return false; // malformed signature (wrong length, out of range)
  }
}

function leftPad(b: Buffer, len: number): Buffer {
  return b.length >= len ? b : Buffer.concat([Buffer.alloc(len - b.length), b]);
}

function mgf1(hash: Hash, seed: Buffer, len: number): Buffer {
  const out: Buffer[] = [];
  let have = 0;
  for (let c = 0; have < len; c++) {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(c);
    const block = createHash(hash).update(seed).update(counter).digest();
    out.push(block);
    have += block.length;
  }
  return Buffer.concat(out).subarray(0, len);
}

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1) of an already computed message hash, sLen = hLen. */
function pssEncode(hash: Hash, mHash: Buffer, emBits: number): Buffer {
  const hLen = HASH_BYTES[hash];
  const emLen = Math.ceil(emBits / 8);
  if (emLen < 2 * hLen + 2) throw new RangeError('RSA key too small for this PSS hash');
  const salt = randomBytes(hLen);
  const h = createHash(hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  const db = Buffer.alloc(emLen - hLen - 1);
  db[emLen - 2 * hLen - 2] = 0x01;
  salt.copy(db, emLen - 2 * hLen - 1);
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i] = db[i]! ^ mask[i]!;
  db[0] = db[0]! & (0xff >> (8 * emLen - emBits));
  return Buffer.concat([db, h, Buffer.of(0xbc)]);
}

/** EMSA-PSS-VERIFY (RFC 8017 §9.1.2), sLen = hLen; `m` is the recovered k-byte integer. */
function pssVerify(hash: Hash, mHash: Buffer, m: Buffer, emBits: number): boolean {
  const hLen = HASH_BYTES[hash];
  const emLen = Math.ceil(emBits / 8);
  if (m.length < emLen || m.subarray(0, m.length - emLen).some((x) => x !== 0)) return false;
  const em = m.subarray(m.length - emLen);
  if (em[emLen - 1] !== 0xbc) return false;
  const db = Buffer.from(em.subarray(0, emLen - hLen - 1));
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const topBits = 0xff >> (8 * emLen - emBits);
  if ((db[0]! & ~topBits) !== 0) return false;
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i] = db[i]! ^ mask[i]!;
  db[0] = db[0]! & topBits;
  const sepAt = emLen - 2 * hLen - 2;
  if (db.subarray(0, sepAt).some((x) => x !== 0) || db[sepAt] !== 0x01) return false;
  const salt = db.subarray(sepAt + 1);
  const h2 = createHash(hash).update(Buffer.alloc(8)).update(mHash).update(salt).digest();
  return timingSafeEqual(h, h2);
}
