/**
 * Key material for each KMS key spec. Symmetric and HMAC keys are random bytes; asymmetric key
 * pairs come from node:crypto (on the thread pool: RSA-4096 takes a second) as DER PKCS#8 private
 * and DER SubjectPublicKeyInfo public keys, the encodings GetPublicKey and import use.
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
 */
import { createPrivateKey, createPublicKey, createSecretKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';

type Pair = { privateKey: Buffer; publicKey: Buffer };
const derPair = (type: 'rsa' | 'ec', options: { modulusLength: number; publicExponent: number } | { namedCurve: string }): Promise<Pair> =>
  new Promise((ok, fail) => {
    const encodings = { publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' } } as const;
    const done = (err: Error | null, publicKey: Buffer, privateKey: Buffer) => (err ? fail(err) : ok({ privateKey, publicKey }));
    if (type === 'rsa') generateKeyPair('rsa', { ...(options as { modulusLength: number; publicExponent: number }), ...encodings }, done);
    else generateKeyPair('ec', { ...(options as { namedCurve: string }), ...encodings }, done);
  });

export interface KeyMaterial {
  /** Secret bytes: the AES or HMAC key, or the DER PKCS#8 private key. */
  readonly secret: Buffer;
  /** DER SubjectPublicKeyInfo, asymmetric specs only. */
  readonly publicKey?: Buffer;
}

const EC_CURVES: Readonly<Record<string, string>> = {
  ECC_NIST_P256: 'prime256v1',
  ECC_NIST_P384: 'secp384r1',
  ECC_NIST_P521: 'secp521r1',
  ECC_SECG_P256K1: 'secp256k1',
};
const RSA_BITS: Readonly<Record<string, number>> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };
// HMAC key lengths: the bit size in the spec's name.
const HMAC_BYTES: Readonly<Record<string, number>> = { HMAC_224: 28, HMAC_256: 32, HMAC_384: 48, HMAC_512: 64 };

export const isRsaSpec = (spec: string): boolean => spec in RSA_BITS;
export const isEccSpec = (spec: string): boolean => spec in EC_CURVES;
export const isHmacSpec = (spec: string): boolean => spec in HMAC_BYTES;
export const isAsymmetricSpec = (spec: string): boolean => isRsaSpec(spec) || isEccSpec(spec);

/** New key material for a key spec Warden supports; throws RangeError for any other. */
export async function generateKeyMaterial(spec: string): Promise<KeyMaterial> {
  if (spec === 'SYMMETRIC_DEFAULT') return { secret: randomBytes(32) };
  const hmac = HMAC_BYTES[spec];
  if (hmac !== undefined) return { secret: randomBytes(hmac) };
  const bits = RSA_BITS[spec];
  if (bits !== undefined) {
    const { privateKey, publicKey } = await derPair('rsa', { modulusLength: bits, publicExponent: 65537 });
    return { secret: privateKey, publicKey };
  }
  const curve = EC_CURVES[spec];
  if (curve !== undefined) {
    const { privateKey, publicKey } = await derPair('ec', { namedCurve: curve });
    return { secret: privateKey, publicKey };
  }
  throw new RangeError(`key spec ${spec} is not supported`);
}

/**
 * A data key pair (GenerateDataKeyPair): the specs of asymmetric keys plus Ed25519; throws
 * RangeError for any other.
 */
export async function generateDataKeyPairMaterial(spec: string): Promise<{ privateKey: Buffer; publicKey: Buffer }> {
  if (spec === 'ECC_NIST_EDWARDS25519') {
    return new Promise((ok, fail) =>
      generateKeyPair('ed25519', { publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' } }, (err, publicKey, privateKey) =>
        err ? fail(err) : ok({ privateKey, publicKey }),
      ),
    );
  }
  if (!isAsymmetricSpec(spec)) throw new RangeError(`data key pair spec ${spec} is not supported`);
  const m = await generateKeyMaterial(spec);
  return { privateKey: m.secret, publicKey: m.publicKey! };
}

/** The node:crypto key objects of stored material. */
export function materialKeys(spec: string, secret: Uint8Array): { secret: KeyObject; publicKey?: KeyObject } {
  if (!isAsymmetricSpec(spec)) return { secret: createSecretKey(secret) };
  const priv = createPrivateKey({ key: Buffer.from(secret), format: 'der', type: 'pkcs8' });
  return { secret: priv, publicKey: createPublicKey(priv) };
}
