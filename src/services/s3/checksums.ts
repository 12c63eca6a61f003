/**
 * The checksums S3 verifies on upload (S3 User Guide, checking-object-integrity): Content-MD5
 * (base64 MD5) and x-amz-checksum-{crc32,crc32c,sha1,sha256} (base64 of the big-endian digest).
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) and CRC-32C (Castagnoli, 0x82F63B78) are
 * table-driven here.
 */
import { createHash } from 'node:crypto';
import { crc32 as runningCrc32, crc32c as runningCrc32c } from '../../crypto/checksums.js';

function table(poly: number): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (poly ^ (c >>> 1)) >>> 0 : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}
const CRC32 = table(0xedb88320);
const CRC32C = table(0x82f63b78);

function crc(t: Uint32Array, data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export const crc32 = (data: Uint8Array): number => crc(CRC32, data);
export const crc32c = (data: Uint8Array): number => crc(CRC32C, data);

const be32 = (n: number): string => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b.toString('base64');
};

export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'SHA1' | 'SHA256';
export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'SHA1', 'SHA256'];

/** Checksums by algorithm as the response members ChecksumCRC32, ChecksumSHA256, … */
export function checksumMembers(sums: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(sums).map(([alg, v]) => [`Checksum${alg}`, v]));
}

/** The base64 checksum S3 would compute for `data`. */
export function checksumOf(alg: ChecksumAlgorithm, data: Uint8Array): string {
  switch (alg) {
    case 'CRC32':
      return be32(crc32(data));
    case 'CRC32C':
      return be32(crc32c(data));
    case 'SHA1':
      return createHash('sha1').update(data).digest('base64');
    case 'SHA256':
      return createHash('sha256').update(data).digest('base64');
  }
}

/** A checksum computed over data arriving in pieces. */
export interface ChecksumHasher {
  update(data: Uint8Array): void;
  /** The base64 value, as checksumOf gives it for the whole data. */
  digest(): string;
}

export function checksumHasher(alg: ChecksumAlgorithm): ChecksumHasher {
  if (alg === 'SHA1' || alg === 'SHA256') {
    const h = createHash(alg === 'SHA1' ? 'sha1' : 'sha256');
    return { update: (d) => void h.update(d), digest: () => h.digest('base64') };
  }
  // crypto/checksums continues a running value (and uses zlib's native CRC-32 where Node has it).
  const f = alg === 'CRC32' ? runningCrc32 : runningCrc32c;
  let v = 0;
  return { update: (d) => void (v = f(d, v)), digest: () => be32(v) };
}

export const md5Hex = (data: Uint8Array): string => createHash('md5').update(data).digest('hex');
export const md5Base64 = (data: Uint8Array): string => createHash('md5').update(data).digest('base64');
