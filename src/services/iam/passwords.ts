/**
 * Console passwords (login profiles): stored only as a salted scrypt hash, checked against the
 * account's password policy — or AWS's default policy when none is set (IAM UG,
 * id_credentials_passwords_account-policy: at least 8 characters and at least three of
 * uppercase, lowercase, numbers and symbols; not the account name).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { passwordViolation } from './errors.js';
import type { PasswordPolicy } from './model.gen.js';

const SCRYPT: ScryptOptions = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_BYTES = 32;

const derive = (password: string, salt: Buffer, o: ScryptOptions): Promise<Buffer> =>
  new Promise((ok, fail) => scrypt(password, salt, KEY_BYTES, o, (err, key) => (err ? fail(err) : ok(key))));

/** `scrypt$N$r$p$<salt b64>$<key b64>`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, SCRYPT);
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, key] = stored.split('$');
  if (alg !== 'scrypt' || salt === undefined || key === undefined) return false;
  const got = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p), maxmem: SCRYPT.maxmem! });
  const want = Buffer.from(key, 'base64');
  return got.length === want.length && timingSafeEqual(got, want);
}

/** "The following non-alphanumeric characters: ! @ # $ % ^ & * ( ) _ + - = [ ] { } | '" (IAM UG). */
const SYMBOLS = "!@#$%^&*()_+-=[]{}|'";

const CLASSES = [
  { test: (c: string) => c >= 'A' && c <= 'Z', message: 'Password should have at least one uppercase letter', key: 'RequireUppercaseCharacters' },
  { test: (c: string) => c >= 'a' && c <= 'z', message: 'Password should have at least one lowercase letter', key: 'RequireLowercaseCharacters' },
  { test: (c: string) => c >= '0' && c <= '9', message: 'Password should have at least one number', key: 'RequireNumbers' },
  { test: (c: string) => SYMBOLS.includes(c), message: 'Password should have at least one symbol', key: 'RequireSymbols' },
] as const;

const DEFAULT_MIN_LENGTH = 8;

/** PasswordPolicyViolation with AWS's text, or nothing. */
export function checkPassword(policy: PasswordPolicy | undefined, password: string, userName: string): void {
  const chars = [...password];
  const missing = CLASSES.filter((k) => !chars.some(k.test));
  if (policy === undefined) {
    if (chars.length < DEFAULT_MIN_LENGTH) throw passwordViolation(`Password should have a minimum length of ${DEFAULT_MIN_LENGTH}`); // unverified
    // A real response: "Password should meet 1 more of the following requirements: Password should
    // have at least one uppercase letter, Password should have at least one symbol"
    // (redhat-cop/agnosticd#6594, a CloudFormation event under the default policy).
    const need = 3 - (CLASSES.length - missing.length);
    if (need > 0) throw passwordViolation(`Password should meet ${need} more of the following requirements: ${missing.map((k) => k.message).join(', ')}`);
    // unverified: the text for a password equal to the user's name.
    if (password.toLowerCase() === userName.toLowerCase()) throw passwordViolation('Password should not be the same as the user name');
    return;
  }
  // unverified: one sentence per violated rule, joined as the default policy's list is.
  const problems: string[] = [];
  const min = policy.MinimumPasswordLength ?? 6;
  if (chars.length < min) problems.push(`Password should have a minimum length of ${min}`);
  for (const k of missing) if (policy[k.key] === true) problems.push(k.message);
  if (problems.length > 0) throw passwordViolation(problems.join(', '));
}

/** PasswordReusePrevention: the new password must differ from the last `n`. */
export async function checkReuse(policy: PasswordPolicy | undefined, password: string, previous: readonly string[]): Promise<void> {
  const n = policy?.PasswordReusePrevention ?? 0;
  for (const h of previous.slice(0, n)) {
    // unverified
    if (await verifyPassword(password, h)) throw passwordViolation(`Password should not be one of your previous ${n} passwords`);
  }
}
