import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import { checkPassword, hashPassword, verifyPassword } from '../../../src/services/iam/passwords.js';
import { crc32, qrCodePng, qrMatrix } from '../../../src/services/iam/qr-png.js';
import { base32Decode, base32Encode, hotp, matchConsecutive, matchStep, newSeed, stepAt } from '../../../src/services/iam/totp.js';

const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP (RFC 6238) and base32 (RFC 4648)', () => {
  it('matches RFC 6238 Appendix B (SHA-1), last six digits', () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [t, code] of vectors) assert.equal(hotp(RFC_SECRET, stepAt(t * 1000)), code.slice(2), `T=${t}`);
  });

  it('matches RFC 4226 Appendix D HOTP values', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expected.forEach((code, counter) => assert.equal(hotp(RFC_SECRET, counter), code));
  });

  it('base32 round-trips and matches RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [plain, enc] of vectors) {
      assert.equal(base32Encode(Buffer.from(plain)), enc);
      assert.equal(base32Decode(`${enc}===`).toString(), plain);
    }
    const seed = newSeed();
    assert.match(seed, /^[A-Z2-7]{64}$/);
    assert.equal(base32Decode(seed).length, 40);
  });

  it('accepts codes only inside the window and consecutive pairs in order', () => {
    const now = 1_700_000_000_000;
    const s = stepAt(now);
    assert.equal(matchStep(RFC_SECRET, hotp(RFC_SECRET, s - 1), s, 1, 1), s - 1);
    assert.equal(matchStep(RFC_SECRET, hotp(RFC_SECRET, s - 2), s, 1, 1), undefined);
    assert.equal(matchConsecutive(RFC_SECRET, hotp(RFC_SECRET, s - 1), hotp(RFC_SECRET, s), s, 2), s);
    assert.equal(matchConsecutive(RFC_SECRET, hotp(RFC_SECRET, s), hotp(RFC_SECRET, s - 1), s, 2), undefined);
    assert.equal(matchConsecutive(RFC_SECRET, hotp(RFC_SECRET, s + 9), hotp(RFC_SECRET, s + 10), s, 2), undefined);
    assert.equal(matchConsecutive(RFC_SECRET, hotp(RFC_SECRET, s + 9), hotp(RFC_SECRET, s + 10), s, 40), s + 10);
  });
});

describe('QR code PNG', () => {
  it('CRC-32 is the PNG/zlib one', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
    assert.equal(crc32(Buffer.from('IEND')), 0xae426082);
  });

  it('draws the module matrix with a 4-module quiet zone, 4 px per module, chunks with valid CRCs', () => {
    const text = 'otpauth://totp/dev@000000000000?secret=ABC';
    const m = qrMatrix(text);
    const png = qrCodePng(text);
    const size = (m.length + 8) * 4;
    assert.equal(png.readUInt32BE(16), size);
    let off = 8;
    const idat: Buffer[] = [];
    while (off < png.length) {
      const len = png.readUInt32BE(off);
      const typeAndData = png.subarray(off + 4, off + 8 + len);
      assert.equal(png.readUInt32BE(off + 8 + len), crc32(typeAndData));
      if (typeAndData.toString('ascii', 0, 4) === 'IDAT') idat.push(typeAndData.subarray(4));
      off += 12 + len;
    }
    const raw = inflateSync(Buffer.concat(idat));
    const stride = Math.ceil(size / 8) + 1;
    const dark = (x: number, y: number) => ((raw[y * stride + 1 + (x >> 3)]! >> (7 - (x & 7))) & 1) === 0;
    for (let r = 0; r < m.length; r++) for (let c = 0; c < m.length; c++) assert.equal(dark((c + 4) * 4 + 2, (r + 4) * 4 + 2), m[r]![c]);
  });
});

describe('passwords', () => {
  it('hashes with scrypt and verifies', async () => {
    const h = await hashPassword('Pa55-word');
    assert.match(h, /^scrypt\$16384\$8\$1\$/);
    assert.ok(!h.includes('Pa55-word'));
    assert.equal(await verifyPassword('Pa55-word', h), true);
    assert.equal(await verifyPassword('Pa55-words', h), false);
    assert.notEqual(await hashPassword('Pa55-word'), h); // salted
  });

  it('applies the default policy and a custom one', () => {
    assert.doesNotThrow(() => checkPassword(undefined, 'abcDEF12', 'bob'));
    assert.throws(() => checkPassword(undefined, 'abcdef12', 'bob'), { code: 'PasswordPolicyViolation', message: 'Password should meet 1 more of the following requirements: Password should have at least one uppercase letter, Password should have at least one symbol' });
    assert.throws(() => checkPassword(undefined, 'abcdefgh', 'bob'), { message: /^Password should meet 2 more/ });
    assert.throws(() => checkPassword(undefined, 'aB1', 'bob'), { message: 'Password should have a minimum length of 8' });
    assert.doesNotThrow(() => checkPassword({ MinimumPasswordLength: 6 }, 'abcdef', 'bob'));
    assert.throws(() => checkPassword({ MinimumPasswordLength: 10, RequireUppercaseCharacters: true }, 'abcdef', 'bob'), {
      message: 'Password should have a minimum length of 10, Password should have at least one uppercase letter',
    });
  });
});
