/**
 * A small DER/X.509 v3 builder: node:crypto parses certificates (X509Certificate) but cannot make
 * them. Enough of RFC 5280 for one self-signed TLS server certificate — ECDSA P-256 key,
 * ecdsa-with-SHA256 signature, SubjectAltName DNS names and IP addresses, basic constraints, key
 * usage, extended key usage, subject and authority key identifiers.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

// ---- DER primitives (X.690) ----

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
/** One tag-length-value. */
export const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};
const seq = (...items: Buffer[]): Buffer => tlv(0x30, ...items);
const set = (...items: Buffer[]): Buffer => tlv(0x31, ...items);
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const bitString = (b: Buffer): Buffer => tlv(0x03, Buffer.from([0]), b); // no unused bits
const bool = (v: boolean): Buffer => tlv(0x01, Buffer.from([v ? 0xff : 0]));
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
/** A non-negative INTEGER from big-endian bytes: minimal, with a 0 byte when the top bit is set. */
function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  const v = b.subarray(i);
  return tlv(0x02, v[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), v]) : v);
}
export function oid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [40 * arcs[0]! + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const b: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) b.unshift(0x80 | (v & 0x7f));
    out.push(...b);
  }
  return tlv(0x06, Buffer.from(out));
}
/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050. */
function time(d: Date): Buffer {
  const iso = d.toISOString(); // 2026-11-23T15:56:31.123Z
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(digits.slice(2), 'ascii')) : tlv(0x18, Buffer.from(digits, 'ascii'));
}

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

const extension = (id: string, critical: boolean, value: Buffer): Buffer =>
  seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));

function name(commonName: string, organization: string): Buffer {
  return seq(set(seq(oid(OID.organization), utf8(organization))), set(seq(oid(OID.commonName), utf8(commonName))));
}

/** GeneralName: dNSName [2] IA5String or iPAddress [7] OCTET STRING (4 or 16 bytes). */
function generalName(entry: string): Buffer {
  if (isIPv4(entry)) return tlv(0x87, Buffer.from(entry.split('.').map(Number)));
  if (isIPv6(entry)) return tlv(0x87, ipv6Bytes(entry));
  return tlv(0x82, Buffer.from(entry, 'ascii'));
}
function ipv6Bytes(ip: string): Buffer {
  const [head, tail] = ip.includes('::') ? ip.split('::') as [string, string] : [ip, undefined];
  const words = (s: string) => (s === '' ? [] : s.split(':').map((w) => parseInt(w, 16)));
  const h = words(head);
  const t = tail === undefined ? [] : words(tail);
  const all = [...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t];
  const out = Buffer.alloc(16);
  all.forEach((w, i) => out.writeUInt16BE(w, i * 2));
  return out;
}

export interface SelfSignedOptions {
  readonly commonName: string;
  readonly organization?: string;
  /** DNS names and IP addresses for SubjectAltName. */
  readonly altNames: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export interface SelfSigned {
  readonly certPem: string;
  readonly keyPem: string;
  readonly certDer: Buffer;
}

/**
 * A self-signed X.509 v3 certificate for a fresh ECDSA P-256 key, signed with SHA-256. It is its
 * own trust anchor (basicConstraints CA:TRUE, keyCertSign) and a TLS server certificate
 * (digitalSignature, serverAuth), with key identifiers, so strict verifiers (OpenSSL
 * -x509_strict, Python 3.13's VERIFY_X509_STRICT) accept it as a CA bundle.
 */
export function selfSignedCertificate(opts: SelfSignedOptions): SelfSigned {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const certDer = buildCertificate(opts, privateKey, publicKey);
  return { certDer, certPem: pem('CERTIFICATE', certDer), keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

function buildCertificate(opts: SelfSignedOptions, privateKey: KeyObject, publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's value. The SPKI of a
  // P-256 key ends with that value (65 bytes, uncompressed point).
  const keyId = createHash('sha1').update(spki.subarray(spki.length - 65)).digest();
  const serial = randomBytes(16);
  serial[0]! &= 0x7f; // positive, at most 20 octets (§4.1.2.2)
  const algorithm = seq(oid(OID.ecdsaWithSha256)); // parameters absent (RFC 5758 §3.2)
  const subject = name(opts.commonName, opts.organization ?? 'Warden');
  // keyUsage BIT STRING: digitalSignature (bit 0) and keyCertSign (bit 5) → 1000 0100, 2 unused bits.
  const keyUsage = tlv(0x03, Buffer.from([2, 0x84]));
  const extensions = seq(
    extension(OID.basicConstraints, true, seq(bool(true))),
    extension(OID.keyUsage, true, keyUsage),
    extension(OID.extKeyUsage, false, seq(oid(OID.serverAuth))),
    extension(OID.subjectKeyIdentifier, false, octets(keyId)),
    extension(OID.authorityKeyIdentifier, false, seq(tlv(0x80, keyId))),
    extension(OID.subjectAltName, false, seq(...opts.altNames.map(generalName))),
  );
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))), // [0] EXPLICIT version v3
    integer(serial),
    algorithm,
    subject, // issuer = subject: self-signed
    seq(time(opts.notBefore), time(opts.notAfter)),
    subject,
    spki,
    tlv(0xa3, extensions), // [3] EXPLICIT extensions
  );
  const signature = sign('sha256', tbs, privateKey); // DER ECDSA-Sig-Value
  return seq(tbs, algorithm, bitString(signature));
}

export function pem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
}
