/**
 * Time-based one-time passwords as virtual MFA devices use them: RFC 6238 over RFC 4226 (HMAC-SHA1,
 * 30-second steps, 6 digits), the seed shown to people in RFC 4648 base32. Pure functions; the
 * device records and the rules for accepting a code live in mfa.ts.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const STEP_SECONDS = 30;
const DIGITS = 6;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding. */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text.replace(/=+$/, '').toUpperCase()) {
    const i = ALPHABET.indexOf(ch);
    if (i < 0) throw new RangeError('not base32');
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A new seed: 40 random bytes, 64 base32 characters (the length of AWS's Base32StringSeed). */
export const newSeed = (): string => base32Encode(randomBytes(40));

/** The 30-second step a moment falls in. */
export const stepAt = (ms: number): number => Math.floor(ms / 1000 / STEP_SECONDS);

/** RFC 4226 HOTP value of `counter`, as 6 digits. */
export function hotp(secret: Uint8Array, counter: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(bin % 10 ** DIGITS).padStart(DIGITS, '0');
}

const same = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The step within [center - before, center + after] whose code is `code`, latest first; undefined if none. */
export function matchStep(secret: Uint8Array, code: string, center: number, before: number, after: number): number | undefined {
  for (let s = center + after; s >= center - before; s--) if (s >= 0 && same(hotp(secret, s), code)) return s;
  return undefined;
}

/**
 * Two codes of consecutive steps (EnableMFADevice, ResyncMFADevice): the step of the second code,
 * searched within `window` steps of `center`; undefined if the pair is not there.
 */
export function matchConsecutive(secret: Uint8Array, code1: string, code2: string, center: number, window: number): number | undefined {
  for (let s = center + window; s >= center - window; s--) {
    if (s >= 1 && same(hotp(secret, s), code2) && same(hotp(secret, s - 1), code1)) return s;
  }
  return undefined;
}
