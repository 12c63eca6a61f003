/**
 * ECDSA over a precomputed digest (KMS Sign/Verify with MessageType DIGEST). node:crypto's
 * sign/verify always hash their input, so the digest path is done here: the scalar
 * multiplications run natively through ECDH (k·G for a private scalar k), the rest is arithmetic
 * modulo the group order n. Verification uses the private key, which KMS holds:
 * u1·G + u2·Q = (u1 + u2·d)·G, so no point addition is needed.
 * Signatures are DER `ECDSA-Sig-Value` (SEQUENCE of INTEGER r, INTEGER s), as KMS returns them.
 */
import { createECDH, randomBytes, type KeyObject } from 'node:crypto';

interface Curve {
  /** OpenSSL name for createECDH. */
  readonly ecdh: string;
  /** Group order. */
  readonly n: bigint;
  /** Bytes of a field element / scalar. */
  readonly bytes: number;
}

// Group orders: SEC 2 v2 §2.4.1 (secp256k1), FIPS 186-4 D.1.2 (P-256, P-384, P-521). The unit
// test checks each against OpenSSL: (n-1)·G and G share their x coordinate.
export const CURVES: Readonly<Record<string, Curve>> = {
  'P-256': { ecdh: 'prime256v1', n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n, bytes: 32 },
  'P-384': { ecdh: 'secp384r1', n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n, bytes: 48 },
  'P-521': { ecdh: 'secp521r1', n: 0x1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n, bytes: 66 },
  secp256k1: { ecdh: 'secp256k1', n: 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n, bytes: 32 },
};

const toBig = (b: Uint8Array): bigint => (b.length === 0 ? 0n : BigInt(`0x${Buffer.from(b).toString('hex')}`));

function toBytes(v: bigint, len: number): Buffer {
  const hex = v.toString(16).padStart(len * 2, '0');
  return Buffer.from(hex, 'hex');
}

const mod = (a: bigint, m: bigint): bigint => ((a % m) + m) % m;

function inverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [mod(a, m), m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}

/** x coordinate of k·G, natively. */
function baseMultX(curve: Curve, k: bigint): bigint {
  const ecdh = createECDH(curve.ecdh);
  ecdh.setPrivateKey(toBytes(k, curve.bytes));
  const pub = ecdh.getPublicKey(); // 0x04 | X | Y
  return toBig(pub.subarray(1, 1 + curve.bytes));
}

/** The digest as an integer, truncated to the bit length of n (SEC 1 §4.1.3 step 5). */
function digestInt(curve: Curve, digest: Uint8Array): bigint {
  const nBits = curve.n.toString(2).length;
  const e = toBig(digest);
  const excess = digest.length * 8 - nBits;
  return excess > 0 ? e >> BigInt(excess) : e;
}

function randomScalar(curve: Curve): bigint {
  const k = mod(toBig(randomBytes(curve.bytes + 16)), curve.n - 1n);
  return k + 1n;
}

function privateScalar(key: KeyObject): bigint {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.d !== 'string') throw new TypeError('not an EC private key');
  return toBig(Buffer.from(jwk.d, 'base64url'));
}

export function curveOf(key: KeyObject): Curve {
  const name = key.asymmetricKeyDetails?.namedCurve;
  const byOid: Readonly<Record<string, string>> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521', secp256k1: 'secp256k1' };
  const curve = name === undefined ? undefined : CURVES[byOid[name] ?? name];
  if (curve === undefined) throw new TypeError(`unsupported curve ${String(name)}`);
  return curve;
}

/** Signs a digest with an EC private key; DER signature. */
export function ecdsaSignDigest(key: KeyObject, digest: Uint8Array): Buffer {
  const curve = curveOf(key);
  const d = privateScalar(key);
  const e = digestInt(curve, digest);
  for (;;) {
    const k = randomScalar(curve);
    const r = mod(baseMultX(curve, k), curve.n);
    if (r === 0n) continue;
    const s = mod(inverse(k, curve.n) * (e + r * d), curve.n);
    if (s === 0n) continue;
    return derSignature(r, s);
  }
}

/** Verifies a DER signature over a digest, using the private key (see the file comment). */
export function ecdsaVerifyDigest(key: KeyObject, digest: Uint8Array, signature: Uint8Array): boolean {
  const curve = curveOf(key);
  const rs = parseDerSignature(signature);
  if (rs === undefined) return false;
  const { r, s } = rs;
  if (r <= 0n || r >= curve.n || s <= 0n || s >= curve.n) return false;
  const w = inverse(s, curve.n);
  const u1 = mod(digestInt(curve, digest) * w, curve.n);
  const u2 = mod(r * w, curve.n);
  const scalar = mod(u1 + u2 * privateScalar(key), curve.n);
  if (scalar === 0n) return false;
  return mod(baseMultX(curve, scalar), curve.n) === r;
}

function derInt(v: bigint): Buffer {
  const hex = v.toString(16);
  let b = Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex');
  if (b[0]! & 0x80) b = Buffer.concat([Buffer.of(0), b]);
  return Buffer.concat([Buffer.of(0x02), derLength(b.length), b]);
}

function derLength(n: number): Buffer {
  return n < 0x80 ? Buffer.of(n) : Buffer.of(0x81, n);
}

export function derSignature(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([derInt(r), derInt(s)]);
  return Buffer.concat([Buffer.of(0x30), derLength(body.length), body]);
}

/** r and s of a DER ECDSA-Sig-Value, or undefined when malformed. */
export function parseDerSignature(sig: Uint8Array): { r: bigint; s: bigint } | undefined {
  const b = Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
  let o = 0;
  const len = (): number | undefined => {
    const first = b[o++];
    if (first === undefined) return undefined;
    if (first < 0x80) return first;
    if (first !== 0x81) return undefined;
    return b[o++];
  };
  if (b[o++] !== 0x30) return undefined;
  const total = len();
  if (total === undefined || o + total !== b.length) return undefined;
  const ints: bigint[] = [];
  for (let i = 0; i < 2; i++) {
    if (b[o++] !== 0x02) return undefined;
    const l = len();
    if (l === undefined || l === 0 || o + l > b.length) return undefined;
    ints.push(toBig(b.subarray(o, o + l)));
    o += l;
  }
  return o === b.length ? { r: ints[0]!, s: ints[1]! } : undefined;
}
