/**
 * S3's flexible checksums (x-amz-checksum-*): CRC32, CRC32C (Castagnoli), CRC64NVME, SHA1 and
 * SHA256, each in S3's wire form — the big-endian digest in base64 ("123456789" → CRC32C
 * E3069283 → "4waSgw=="). node:zlib has crc32 only from Node 20.15/22.2 and no CRC32C or
 * CRC64NVME, so those are table-driven here.
 */
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';

export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';
export const CHECKSUM_ALGORITHMS: readonly ChecksumAlgorithm[] = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'];

/** The header that carries each algorithm's value (x-amz-checksum-crc32c …). */
export const checksumHeader = (a: ChecksumAlgorithm): string => `x-amz-checksum-${a.toLowerCase()}`;

/** The algorithm an `x-amz-checksum-…` header name stands for, if any. */
export function algorithmOfHeader(name: string): ChecksumAlgorithm | undefined {
  const lower = name.toLowerCase();
  return CHECKSUM_ALGORITHMS.find((a) => checksumHeader(a) === lower);
}

/** A reflected 32-bit CRC table for `poly` (the reversed polynomial). */
function table32(poly: number): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}
const CRC32_TABLE = table32(0xedb88320);
const CRC32C_TABLE = table32(0x82f63b78);

function crc32With(table: Uint32Array, data: Uint8Array, previous: number): number {
  let c = ~previous >>> 0;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

/** CRC-32 (ISO-HDLC, as zlib): "123456789" → 0xCBF43926. `previous` continues a running value. */
export function crc32(data: Uint8Array, previous = 0): number {
  return nativeCrc32 !== undefined ? nativeCrc32(data, previous) : crc32With(CRC32_TABLE, data, previous);
}

/** CRC-32C (Castagnoli, iSCSI): "123456789" → 0xE3069283. */
export function crc32c(data: Uint8Array, previous = 0): number {
  return crc32With(CRC32C_TABLE, data, previous);
}

// CRC-64/NVME: reflected, polynomial 0xAD93D23594C93659 (reversed 0x9A6C9329AC4BC9B5), init and
// xorout all ones; "123456789" → 0xAE8B14860A799888. Two 32-bit halves keep it off BigInt.
const CRC64_LO = new Uint32Array(256);
const CRC64_HI = new Uint32Array(256);
{
  const POLY_LO = 0xac4bc9b5;
  const POLY_HI = 0x9a6c9329;
  for (let n = 0; n < 256; n++) {
    let lo = n;
    let hi = 0;
    for (let k = 0; k < 8; k++) {
      const carry = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (carry) {
        lo = (lo ^ POLY_LO) >>> 0;
        hi = (hi ^ POLY_HI) >>> 0;
      }
    }
    CRC64_LO[n] = lo;
    CRC64_HI[n] = hi;
  }
}

/** CRC-64/NVME as 8 big-endian bytes. */
export function crc64nvme(data: Uint8Array): Buffer {
  let lo = 0xffffffff;
  let hi = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    const idx = (lo ^ data[i]!) & 0xff;
    lo = (((lo >>> 8) | ((hi & 0xff) << 24)) ^ CRC64_LO[idx]!) >>> 0;
    hi = ((hi >>> 8) ^ CRC64_HI[idx]!) >>> 0;
  }
  const out = Buffer.alloc(8);
  out.writeUInt32BE(~hi >>> 0, 0);
  out.writeUInt32BE(~lo >>> 0, 4);
  return out;
}

const be32 = (v: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v >>> 0, 0);
  return b;
};

/** The digest bytes S3 encodes. */
export function checksumBytes(algorithm: ChecksumAlgorithm, data: Uint8Array): Buffer {
  switch (algorithm) {
    case 'CRC32': return be32(crc32(data));
    case 'CRC32C': return be32(crc32c(data));
    case 'CRC64NVME': return crc64nvme(data);
    case 'SHA1': return createHash('sha1').update(data).digest();
    case 'SHA256': return createHash('sha256').update(data).digest();
  }
}

/** The value of `x-amz-checksum-<algorithm>` for `data`: base64 of the big-endian digest. */
export function checksumBase64(algorithm: ChecksumAlgorithm, data: Uint8Array): string {
  return checksumBytes(algorithm, data).toString('base64');
}
