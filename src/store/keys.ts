/**
 * Storage-key rules shared by every backend. Keys order by Unicode code point — the order of
 * their UTF-8 bytes, which is what SQLite's BINARY collation (and PostgreSQL's "C" collation)
 * gives — so a scan returns the same sequence on every backend. JavaScript's `<` compares UTF-16
 * code units instead, which differs once astral characters (surrogate pairs) meet U+E000–U+FFFF.
 */

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the key holds a surrogate pair, i.e. when `<` and code-point order may disagree. */
export function hasSurrogates(key: string): boolean {
  return SURROGATE.test(key);
}

/** Throws unless `key` can be stored: non-empty and well-formed UTF-16 (no lone surrogates). */
export function assertKey(key: string, what = 'storage key'): void {
  if (typeof key !== 'string' || key.length === 0) throw new TypeError(`${what} must be a non-empty string`);
  assertWellFormed(key, what);
}

/** A prefix may be empty (everything) but must be well-formed. */
export function assertWellFormed(s: string, what = 'scan prefix'): void {
  if (typeof s !== 'string') throw new TypeError(`${what} must be a string`);
  if (SURROGATE.test(s) && LONE_SURROGATE.test(s)) {
    throw new TypeError(`${what} is not well-formed UTF-16 (lone surrogate)`);
  }
}

export function assertLimit(limit: number | undefined): void {
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
    throw new RangeError(`scan limit must be a non-negative integer, got ${String(limit)}`);
  }
}

/** Maps a UTF-16 code unit ≥ 0xD800 so that surrogates sort after U+E000–U+FFFF. */
function fixup(c: number): number {
  return c >= 0xe000 ? c - 0x800 : c + 0x2000;
}

/** Code-point (UTF-8 byte) order. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = fixup(x);
        y = fixup(y);
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : 1;
}

/** Code-unit order; equal to code-point order when neither key has a surrogate. */
export function compareNative(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
