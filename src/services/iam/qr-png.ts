/**
 * The QR code PNG CreateVirtualMFADevice returns: qrcode-generator (MIT) computes the module matrix,
 * this file draws it as a 1-bit greyscale PNG (ISO/IEC 15948: signature, IHDR, zlib-compressed
 * IDAT of filtered scanlines, IEND, each chunk with its CRC-32).
 */
import { deflateSync } from 'node:zlib';
import qrcode from 'qrcode-generator';

/** Pixels per module, and the quiet zone in modules (the QR standard asks for 4). */
const SCALE = 4;
const QUIET = 4;

/** The dark/light module matrix of `text` (byte mode, error correction level M, smallest version). */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

export function qrCodePng(text: string): Buffer {
  const modules = qrMatrix(text);
  const size = (modules.length + 2 * QUIET) * SCALE;
  const rowBytes = Math.ceil(size / 8);
  const raw = Buffer.alloc((rowBytes + 1) * size); // filter byte 0 (None) before each row
  for (let y = 0; y < size; y++) {
    const row = raw.subarray(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1));
    row.fill(0xff); // light
    const my = Math.floor(y / SCALE) - QUIET;
    for (let x = 0; x < size; x++) {
      const mx = Math.floor(x / SCALE) - QUIET;
      if (modules[my]?.[mx] === true) row[x >> 3]! &= ~(0x80 >> (x & 7));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale; compression, filter and interlace methods 0
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
