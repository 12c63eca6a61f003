/**
 * Wildcard matching for actions, ARNs and String/ArnLike condition values. A pattern is a list
 * of pieces: pattern text (where `*` and `?` are wildcards) and literal text (a substituted
 * policy variable value, or the `${*}` / `${?}` escapes), which never acts as a wildcard.
 */
export interface Piece {
  readonly text: string;
  /** True: matched character for character, even `*` and `?`. */
  readonly literal: boolean;
}

export type Matcher = (value: string) => boolean;

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\/]/g;
const escapeRegex = (s: string): string => s.replace(REGEX_SPECIAL, '\\$&');

export const hasWildcard = (s: string): boolean => s.includes('*') || s.includes('?');

/** `*` = any run of characters (also `/` and `:`), `?` = one character. */
export function globSource(pieces: readonly Piece[]): string {
  let out = '';
  for (const p of pieces) {
    if (p.literal) {
      out += escapeRegex(p.text);
      continue;
    }
    for (const ch of p.text) out += ch === '*' ? '.*' : ch === '?' ? '.' : escapeRegex(ch);
  }
  return out;
}

/**
 * ARN patterns: "You can use wildcard characters (* and ?) within any ARN segment (the parts
 * separated by colons)" (IAM UG, reference_policies_elements_resource). In the first five
 * segments a wildcard stays inside its segment; in the resource part (which may itself hold
 * colons, e.g. `log-group:x:*`) it spans everything. A pattern with fewer than six segments
 * (only possible in conditions: stored Resource elements must have six) matches across segments.
 */
export function arnSource(pieces: readonly Piece[]): string {
  let colons = 0;
  for (const p of pieces) for (const ch of p.text) if (ch === ':') colons++;
  if (colons < 5) return globSource(pieces);
  let segment = 0;
  let out = '';
  for (const p of pieces) {
    if (p.literal) {
      out += escapeRegex(p.text);
      continue;
    }
    for (const ch of p.text) {
      if (ch === ':') {
        segment++;
        out += ':';
      } else if (ch === '*') out += segment < 5 ? '[^:]*' : '.*';
      else if (ch === '?') out += segment < 5 ? '[^:]' : '.';
      else out += escapeRegex(ch);
    }
  }
  return out;
}

/** A compiled matcher with fast paths for the common shapes (exact, `*`, `prefix*`). */
export function compileWildcard(pattern: string, opts: { ignoreCase?: boolean; arn?: boolean } = {}): Matcher {
  const ignoreCase = opts.ignoreCase === true;
  if (pattern === '*') return () => true;
  if (!hasWildcard(pattern)) {
    if (!ignoreCase) return (v) => v === pattern;
    const lower = pattern.toLowerCase();
    return (v) => v.length === lower.length && v.toLowerCase() === lower;
  }
  const star = pattern.indexOf('*');
  if (star === pattern.length - 1 && !pattern.includes('?') && (!opts.arn || colonCount(pattern) >= 5)) {
    const prefix = ignoreCase ? pattern.slice(0, -1).toLowerCase() : pattern.slice(0, -1);
    return ignoreCase ? (v) => v.toLowerCase().startsWith(prefix) : (v) => v.startsWith(prefix);
  }
  const pieces = [{ text: pattern, literal: false }];
  const re = new RegExp(`^${opts.arn ? arnSource(pieces) : globSource(pieces)}$`, ignoreCase ? 'is' : 's');
  return (v) => re.test(v);
}

function colonCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 58) n++;
  return n;
}

/** Regexes built at request time from patterns with policy variables, bounded. */
const dynamicCache = new Map<string, RegExp>();
const DYNAMIC_CACHE_MAX = 2048;

export function cachedRegex(source: string, ignoreCase: boolean): RegExp {
  const key = ignoreCase ? `i${source}` : `c${source}`;
  let re = dynamicCache.get(key);
  if (re === undefined) {
    if (dynamicCache.size >= DYNAMIC_CACHE_MAX) dynamicCache.delete(dynamicCache.keys().next().value as string);
    re = new RegExp(`^${source}$`, ignoreCase ? 'is' : 's');
    dynamicCache.set(key, re);
  }
  return re;
}
