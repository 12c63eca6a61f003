import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import * as zlib from 'node:zlib';
import { algorithmOfHeader, checksumBase64, checksumHeader, crc32, crc32c, crc64nvme } from '../../../src/crypto/checksums.js';

const CHECK = Buffer.from('123456789');

describe('S3 checksums', () => {
  it('CRC32C (Castagnoli) matches its catalogue check value and RFC 3720 vectors', () => {
    assert.equal(crc32c(CHECK), 0xe3069283);
    assert.equal(crc32c(Buffer.alloc(0)), 0);
    // RFC 3720 (iSCSI) B.4: 32 bytes of zeros, of 0xFF, ascending and descending.
    assert.equal(crc32c(Buffer.alloc(32, 0)), 0x8a9136aa);
    assert.equal(crc32c(Buffer.alloc(32, 0xff)), 0x62a8ab43);
    assert.equal(crc32c(Buffer.from(Array.from({ length: 32 }, (_, i) => i))), 0x46dd794e);
    assert.equal(crc32c(Buffer.from(Array.from({ length: 32 }, (_, i) => 31 - i))), 0x113fdb5c);
  });

  it('CRC32 matches the catalogue check value and zlib, also when continued piecewise', () => {
    assert.equal(crc32(CHECK), 0xcbf43926);
    const data = randomBytes(10_000);
    const z = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
    if (z !== undefined) assert.equal(crc32(data), z(data));
    assert.equal(crc32(data.subarray(5000), crc32(data.subarray(0, 5000))), crc32(data));
    assert.equal(crc32c(data.subarray(5000), crc32c(data.subarray(0, 5000))), crc32c(data));
  });

  it('CRC64NVME matches the catalogue check value', () => {
    assert.equal(crc64nvme(CHECK).toString('hex'), 'ae8b14860a799888');
    assert.equal(crc64nvme(Buffer.alloc(0)).toString('hex'), '0000000000000000');
  });

  it('encodes as S3 does: base64 of the big-endian digest', () => {
    assert.equal(checksumBase64('CRC32C', CHECK), '4waSgw==');
    assert.equal(checksumBase64('CRC32', CHECK), 'y/Q5Jg==');
    // The SDK v3 S3 client sent x-amz-checksum-crc32: NhCmhg== for the body "hello".
    assert.equal(checksumBase64('CRC32', Buffer.from('hello')), 'NhCmhg==');
    assert.equal(checksumBase64('SHA256', CHECK), createHash('sha256').update(CHECK).digest('base64'));
    assert.equal(checksumBase64('SHA1', CHECK), createHash('sha1').update(CHECK).digest('base64'));
    assert.equal(checksumBase64('CRC64NVME', CHECK), Buffer.from('ae8b14860a799888', 'hex').toString('base64'));
  });

  it('maps header names both ways', () => {
    assert.equal(checksumHeader('CRC32C'), 'x-amz-checksum-crc32c');
    assert.equal(algorithmOfHeader('X-Amz-Checksum-SHA256'), 'SHA256');
    assert.equal(algorithmOfHeader('x-amz-checksum-md5'), undefined);
  });
});
