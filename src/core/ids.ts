import { randomBytes, randomInt } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `prefix` + upper-case base32 characters, as AWS's unique ids and access key ids look. */
export function awsId(prefix: string, length: number): string {
  let s = prefix;
  while (s.length < length) s += BASE32[randomInt(32)];
  return s;
}

/** A 40-character secret access key (AWS's alphabet: letters, digits, `+` and `/`). */
export function secretAccessKey(): string {
  return randomBytes(30).toString('base64');
}
