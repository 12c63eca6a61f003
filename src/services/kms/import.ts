/**
 * Importing key material (BYOK): wrapping keys, import tokens, unwrapping and checking material.
 * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html
 *
 * An import token is stateless: the barrier seals (AAD = the key's storage key + `#import-token`)
 *
 *   format (1) | expiry ms (8, BE) | wrapping algorithm (1) | wrapping key spec (1) | DER PKCS#8 private wrapping key
 *
 * so a token made for another key does not open (InvalidImportTokenException) and a token past
 * its 24 hours is ExpiredImportTokenException.
 */
import { constants, createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, generateKeyPair, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';
import type { Ctx } from '../../core/operation.js';
import { isAsymmetricSpec, isHmacSpec } from '../../crypto/kms-keygen.js';
import { ExpiredImportTokenException, IncorrectKeyMaterialException, InvalidCiphertextException, InvalidImportTokenException, UnsupportedOperationException } from './errors.js';
import type { AlgorithmSpec, WrappingKeySpec } from './model.gen.js';
import { sealImportToken, unsealImportToken, type KeyRecord } from './state.js';

/** "Each public key and import token set is valid for 24 hours" (GetParametersForImport). */
export const IMPORT_PARAMETERS_MS = 24 * 3_600_000;
/** ValidTo: "The maximum value is 365 days from the request date" (ImportKeyMaterial). */
export const MAX_VALID_TO_MS = 365 * 86_400_000;

const ALGORITHMS: readonly AlgorithmSpec[] = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256'];
const SPECS: readonly WrappingKeySpec[] = ['RSA_2048', 'RSA_3072', 'RSA_4096'];
const TOKEN_FORMAT = 1;

/** The key has (or takes) imported material; otherwise UnsupportedOperationException (key-state note 9). */
export function assertExternal(rec: KeyRecord): void {
  // The wording of the key-state table's note 6, with the key's own origin. // unverified
  if (rec.origin !== 'EXTERNAL') throw new UnsupportedOperationException(`${rec.arn} origin is ${rec.origin} which is not valid for this operation.`);
}

/** Which wrapping algorithms and key specs Warden offers, with AWS's refusals for the rest. */
export function checkWrapping(algorithm: AlgorithmSpec, spec: WrappingKeySpec): void {
  // RSAES_PKCS1_V1_5: "As of October 10, 2023, KMS does not support" it; SM2 is for China Regions.
  if (!ALGORITHMS.includes(algorithm)) throw new UnsupportedOperationException(`${algorithm} is not supported.`); // unverified
  if (!SPECS.includes(spec)) throw new UnsupportedOperationException(`${spec} is not supported.`); // unverified
}

export interface ImportParameters {
  readonly token: Uint8Array;
  readonly publicKey: Buffer;
  readonly validToMs: number;
}

export async function importParameters(ctx: Ctx, path: string, algorithm: AlgorithmSpec, spec: WrappingKeySpec): Promise<ImportParameters> {
  const bits = Number(spec.slice('RSA_'.length));
  const { privateKey, publicKey } = await new Promise<{ privateKey: Buffer; publicKey: Buffer }>((ok, fail) =>
    generateKeyPair('rsa', { modulusLength: bits, publicExponent: 65537, publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' } }, (err, pub, priv) =>
      err ? fail(err) : ok({ privateKey: priv, publicKey: pub }),
    ),
  );
  const validToMs = ctx.clock.now() + IMPORT_PARAMETERS_MS;
  const plain = Buffer.alloc(11 + privateKey.length);
  plain[0] = TOKEN_FORMAT;
  plain.writeBigUInt64BE(BigInt(validToMs), 1);
  plain[9] = ALGORITHMS.indexOf(algorithm);
  plain[10] = SPECS.indexOf(spec);
  privateKey.copy(plain, 11);
  const token = sealImportToken(ctx, path, plain);
  plain.fill(0);
  privateKey.fill(0);
  return { token, publicKey, validToMs };
}

interface OpenedToken {
  readonly algorithm: AlgorithmSpec;
  readonly wrappingKey: KeyObject;
}

/**
 * The wrapping key of a token made for this key. Messages: Warden's (AWS's API reference names
 * only the exceptions). // unverified
 */
export function openImportToken(ctx: Ctx, path: string, token: Uint8Array): OpenedToken {
  const plain = unsealImportToken(ctx, path, token);
  if (plain === undefined || plain.byteLength < 12 || plain[0] !== TOKEN_FORMAT) throw new InvalidImportTokenException('Import token is invalid for the specified key.');
  const b = Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength);
  const validTo = Number(b.readBigUInt64BE(1));
  if (validTo <= ctx.clock.now()) throw new ExpiredImportTokenException('Import token has expired.');
  const algorithm = ALGORITHMS[b[9]!];
  if (algorithm === undefined) throw new InvalidImportTokenException('Import token is invalid for the specified key.');
  const wrappingKey = createPrivateKey({ key: b.subarray(11), format: 'der', type: 'pkcs8' });
  b.fill(0);
  return { algorithm, wrappingKey };
}

const hashOf = (algorithm: AlgorithmSpec): string => (algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256');

/**
 * Unwraps EncryptedKeyMaterial. RSAES_OAEP_*: the material encrypted with RSA-OAEP (MGF1 with the
 * same hash). RSA_AES_KEY_WRAP_*: RSA-OAEP of a 256-bit AES key (as long as the RSA modulus)
 * followed by the material wrapped with AES key wrap with padding, RFC 5649
 * (importing-keys-encrypt-key-material.html). Failure: InvalidCiphertextException.
 */
export function unwrapMaterial(opened: OpenedToken, wrapped: Uint8Array): Buffer {
  const oaep = { key: opened.wrappingKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hashOf(opened.algorithm) };
  try {
    if (opened.algorithm.startsWith('RSAES_OAEP')) return privateDecrypt(oaep, wrapped);
    const k = (opened.wrappingKey.asymmetricKeyDetails?.modulusLength ?? 0) / 8;
    const aesKey = privateDecrypt(oaep, wrapped.subarray(0, k));
    const d = createDecipheriv('id-aes256-wrap-pad', aesKey, Buffer.from('A65959A6', 'hex'));
    const out = Buffer.concat([d.update(wrapped.subarray(k)), d.final()]);
    aesKey.fill(0);
    return out;
  } catch {
    throw new InvalidCiphertextException('');
  }
}

/** Wraps material as a client would (tests and tools); the inverse of unwrapMaterial. */
export function wrapMaterial(publicKeyDer: Uint8Array, algorithm: AlgorithmSpec, material: Uint8Array, aesKey?: Uint8Array): Buffer {
  const pub = createPublicKey({ key: Buffer.from(publicKeyDer), format: 'der', type: 'spki' });
  const oaep = { key: pub, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hashOf(algorithm) };
  if (algorithm.startsWith('RSAES_OAEP')) return publicEncrypt(oaep, material);
  const c = createCipheriv('id-aes256-wrap-pad', aesKey!, Buffer.from('A65959A6', 'hex'));
  return Buffer.concat([publicEncrypt(oaep, aesKey!), c.update(material), c.final()]);
}

/** What each key spec accepts as material: HMAC keys' byte ranges (importing-keys-conceptual.html). */
const HMAC_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  HMAC_224: [28, 64], HMAC_256: [32, 64], HMAC_384: [48, 128], HMAC_512: [64, 128],
};

/** The material must suit the key spec: IncorrectKeyMaterialException otherwise. */
// Differs from AWS: an asymmetric private key is checked for its type and size only (DER PKCS#8).
export function checkMaterial(rec: KeyRecord, material: Buffer): void {
  const wrong = () => new IncorrectKeyMaterialException('The key material provided is not valid for this key.'); // unverified
  if (rec.keySpec === 'SYMMETRIC_DEFAULT') {
    if (material.length !== 32) throw wrong();
  } else if (isHmacSpec(rec.keySpec)) {
    const [min, max] = HMAC_RANGE[rec.keySpec]!;
    if (material.length < min || material.length > max) throw wrong();
  } else if (isAsymmetricSpec(rec.keySpec)) {
    let d: { modulusLength?: number; namedCurve?: string } | undefined;
    try {
      d = createPrivateKey({ key: material, format: 'der', type: 'pkcs8' }).asymmetricKeyDetails;
    } catch {
      throw wrong();
    }
    const curves: Readonly<Record<string, string>> = { ECC_NIST_P256: 'prime256v1', ECC_NIST_P384: 'secp384r1', ECC_NIST_P521: 'secp521r1', ECC_SECG_P256K1: 'secp256k1' };
    const ok = rec.keySpec.startsWith('RSA_') ? d?.modulusLength === Number(rec.keySpec.slice(4)) : d?.namedCurve === curves[rec.keySpec];
    if (!ok) throw wrong();
  }
  // Re-importing must bring the same material (ImportKeyMaterial: "you must reimport the same key material").
  if (rec.importedDigest !== undefined && rec.importedDigest !== materialDigest(rec.keyId, material)) {
    throw new IncorrectKeyMaterialException('Key material provided does not match the key material previously imported into this key.'); // unverified
  }
}

/** Identifies imported material without revealing it (and serves as its KeyMaterialId). */
export function materialDigest(keyId: string, material: Uint8Array): string {
  return createHash('sha256').update(`warden/kms/imported/${keyId}/`).update(material).digest('hex');
}

/**
 * The key after its imported material expired, or undefined: "When the key material expires,
 * KMS deletes the key material from the KMS key" and the key becomes PendingImport (unless it is
 * pending deletion; key-state.html).
 */
export function expireImportedMaterial(rec: KeyRecord, nowMs: number): KeyRecord | undefined {
  if (rec.origin !== 'EXTERNAL' || (rec.state !== 'Enabled' && rec.state !== 'Disabled')) return undefined;
  const current = rec.backing.find((b) => b.version === rec.current);
  if (current?.validToMs === undefined || current.validToMs > nowMs) return undefined;
  return withoutMaterial(rec);
}

/** The key with its imported material deleted (DeleteImportedKeyMaterial, expiry). */
export function withoutMaterial(rec: KeyRecord): KeyRecord {
  return { ...rec, backing: [], current: 0, state: rec.state === 'PendingDeletion' ? rec.state : 'PendingImport' };
}
