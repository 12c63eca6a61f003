/** GetRandomPassword's generator, shared with the built-in rotation (rotation/builtin.ts). */
import { randomInt } from 'node:crypto';
import { InvalidParameterException } from './errors.js';
import type { GetRandomPasswordRequest } from './model.gen.js';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
// "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" (API reference, ExcludePunctuation).
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** A password following GetRandomPassword's rules (defaults: 32 characters, every class, one of each). */
export function randomPassword(input: GetRandomPasswordRequest): string {
  const length = input.PasswordLength ?? 32;
  const excluded = new Set(input.ExcludeCharacters ?? '');
  const keep = (s: string) => [...s].filter((c) => !excluded.has(c)).join('');
  const classes = [
    input.ExcludeLowercase === true ? '' : keep(LOWER),
    input.ExcludeUppercase === true ? '' : keep(UPPER),
    input.ExcludeNumbers === true ? '' : keep(DIGITS),
    input.ExcludePunctuation === true ? '' : keep(PUNCTUATION),
    input.IncludeSpace === true ? keep(' ') : '',
  ].filter((c) => c.length > 0);
  const requireEach = input.RequireEachIncludedType ?? true;
  // moto's texts. // unverified
  if (classes.length === 0) throw new InvalidParameterException('No characters left to generate a password from.');
  if (requireEach && length < classes.length) throw new InvalidParameterException('Password length is too short based on the required types.');
  const pool = classes.join('');
  const chars = Array.from({ length }, () => pool[randomInt(pool.length)]!);
  if (requireEach) {
    // One of each class at distinct random positions.
    const positions = new Set<number>();
    while (positions.size < classes.length) positions.add(randomInt(length));
    [...positions].forEach((pos, i) => (chars[pos] = classes[i]![randomInt(classes[i]!.length)]!));
  }
  return chars.join('');
}
