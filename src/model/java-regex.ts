/**
 * Botocore patterns are Java regular expressions (java.util.regex) that AWS matches against the
 * whole value (`Matcher.matches()`: STS rejects 'Session1:2' for `[\w+=,.@-]*`, see validate.ts).
 * This translates them to JavaScript RegExps with the `u` flag (Java matches by code point).
 *
 * Translated: inline flags at the start ((?i), (?s)); identity escapes of any punctuation (`\-`,
 * `\:`, `\_`, illegal in `u` mode); `\x{h…}`; `\0ooo`; `\a` `\e`; `\Q…\E`; `\A` `\z` `\Z`; `\h`
 * `\R`; `\s`/`\S` as Java's ASCII whitespace; POSIX (`\p{Alpha}`, `\p{Punct}`, …) and `Is`-prefixed
 * (`\p{IsL}`, `\p{IsLatin}`) properties; a `-` beside a class escape (`[\d-_]`); stray `]` and `}`;
 * nested non-negated classes (`[a[bc]]`, a union). Approximated (JS has no equivalent, the
 * translation accepts a superset): possessive quantifiers (`*+`) and atomic groups (`(?>`).
 * Unsupported (returns undefined; the validator then skips the pattern): intersections (`&&`),
 * negated nested classes, Unicode blocks (`\p{InGreek}`), mid-pattern flags, `\G`, comments mode.
 */

const POSIX: Readonly<Record<string, string>> = {
  Lower: 'a-z', Upper: 'A-Z', ASCII: '\\x00-\\x7F', Alpha: 'a-zA-Z', Digit: '0-9', Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~', Graph: '!-~', Print: ' -~', Blank: ' \\t', Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F', Space: '\\t-\\r ',
};
const GENERAL_CATEGORIES = new Set(
  'L Lu Ll Lt Lm Lo LC M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Cs Co Cn'.split(' '),
);
const BINARY_PROPERTIES: Readonly<Record<string, string>> = {
  Alphabetic: 'Alphabetic', Letter: 'L', Digit: 'Nd', Uppercase: 'Uppercase', Lowercase: 'Lowercase',
  WhiteSpace: 'White_Space', White_Space: 'White_Space', Ideographic: 'Ideographic', Punctuation: 'P',
  Control: 'Cc', HexDigit: 'Hex_Digit', Hex_Digit: 'Hex_Digit', Assigned: 'Assigned',
  javaLowerCase: 'Lowercase', javaUpperCase: 'Uppercase', javaWhitespace: 'White_Space',
  javaLetter: 'L', javaDigit: 'Nd',
};
const JAVA_SPACE = '\\t-\\r ';
/** The complement of JAVA_SPACE, as ranges (a negated shorthand cannot go inside a JS class). */
const JAVA_NON_SPACE = '\\u{0}-\\u{8}\\u{e}-\\u{1f}\\u{21}-\\u{10ffff}';
const HSPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';

class Unsupported extends Error {}

export interface TranslatedPattern {
  /** JS source, anchored to match the whole value. */
  readonly source: string;
  readonly flags: string;
  /** True when the translation accepts more than Java would (possessive, atomic). */
  readonly approximate: boolean;
}

const hex = (c: string): string => `\\u{${c.codePointAt(0)!.toString(16)}}`;

/** Translates one Java pattern; undefined when JS cannot express it. */
export function translateJavaPattern(java: string): TranslatedPattern | undefined {
  try {
    const t = new Translator(java);
    const body = t.run();
    const flags = `u${t.flags}`;
    const source = `^(?:${body})$`;
    new RegExp(source, flags); // a translation JS still rejects counts as unsupported
    return { source, flags, approximate: t.approximate };
  } catch {
    return undefined;
  }
}

class Translator {
  private i = 0;
  flags = '';
  approximate = false;
  constructor(private readonly src: string) {}

  run(): string {
    this.leadingFlags();
    let out = '';
    while (this.i < this.src.length) out += this.outside();
    return out;
  }

  private leadingFlags(): void {
    for (;;) {
      const m = /^\(\?([a-zA-Z]+)\)/.exec(this.src.slice(this.i));
      if (!m) return;
      for (const f of m[1]!) {
        if (f === 'i' || f === 's') { if (!this.flags.includes(f)) this.flags += f; }
        else if (f !== 'u' && f !== 'd') throw new Unsupported(`flag ${f}`);
      }
      this.i += m[0].length;
    }
  }

  private peek(k = 0): string | undefined { return this.src[this.i + k]; }

  private outside(): string {
    const c = this.src[this.i++]!;
    switch (c) {
      case '\\': return this.escape(false);
      case '[': return this.charClass();
      case '(': return this.group();
      case '*': case '+': case '?': return c + this.quantifierSuffix();
      case '{': {
        const m = /^\d+(,\d*)?\}/.exec(this.src.slice(this.i));
        if (!m) throw new Unsupported('dangling {');
        this.i += m[0].length;
        return `{${m[0]}${this.quantifierSuffix()}`;
      }
      case ']': case '}': return `\\${c}`;
      default: return c;
    }
  }

  /** Lazy `?` is kept; possessive `+` has no JS form and is dropped. */
  private quantifierSuffix(): string {
    if (this.peek() === '?') { this.i++; return '?'; }
    if (this.peek() === '+') { this.i++; this.approximate = true; }
    return '';
  }

  private group(): string {
    if (this.peek() !== '?') return '(';
    const rest = this.src.slice(this.i + 1);
    for (const open of [':', '=', '!', '<=', '<!']) if (rest.startsWith(open)) { this.i += 1 + open.length; return `(?${open}`; }
    if (rest.startsWith('>')) { this.i += 2; this.approximate = true; return '(?:'; }
    const named = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(rest);
    if (named) { this.i += 1 + named[0].length; return `(?${named[0]}`; }
    throw new Unsupported('inline flags or unknown group');
  }

  /** `\x` at this.i-1; inClass changes how class shorthands and literals are written. */
  private escape(inClass: boolean): string {
    const c = this.src[this.i++];
    if (c === undefined) throw new Unsupported('trailing backslash');
    if (/[1-9]/.test(c)) {
      if (inClass) throw new Unsupported('backreference in class');
      let digits = c;
      while (/[0-9]/.test(this.peek() ?? '')) digits += this.src[this.i++];
      return `\\${digits}`;
    }
    switch (c) {
      case 'd': case 'D': case 'w': case 'W': case 't': case 'n': case 'r': case 'f': return `\\${c}`;
      case 'b': case 'B': if (inClass) throw new Unsupported('\\b in class'); return `\\${c}`;
      case 's': return inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
      case 'S': return inClass ? JAVA_NON_SPACE : `[^${JAVA_SPACE}]`;
      case 'h': return inClass ? HSPACE : `[${HSPACE}]`;
      case 'a': return '\\u{7}';
      case 'e': return '\\u{1b}';
      case 'c': { const l = this.src[this.i++] ?? ''; if (!/[A-Za-z]/.test(l)) throw new Unsupported('\\c'); return `\\c${l}`; }
      case '0': {
        const m = /^[0-7]{1,3}/.exec(this.src.slice(this.i));
        if (!m) throw new Unsupported('\\0');
        this.i += m[0].length;
        return `\\u{${parseInt(m[0], 8).toString(16)}}`;
      }
      case 'x': {
        if (this.peek() === '{') {
          const m = /^\{([0-9a-fA-F]+)\}/.exec(this.src.slice(this.i));
          if (!m) throw new Unsupported('\\x{');
          this.i += m[0].length;
          return `\\u{${m[1]}}`;
        }
        const m = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i));
        if (!m) throw new Unsupported('\\x');
        this.i += 2;
        return `\\x${m[0]}`;
      }
      case 'u': {
        const m = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.i));
        if (!m) throw new Unsupported('\\u');
        this.i += 4;
        return `\\u${m[0]}`;
      }
      case 'p': case 'P': return this.property(c === 'P', inClass);
      case 'Q': {
        const end = this.src.indexOf('\\E', this.i);
        const text = this.src.slice(this.i, end < 0 ? undefined : end);
        this.i = end < 0 ? this.src.length : end + 2;
        return [...text].map((ch) => literal(ch, inClass)).join('');
      }
      case 'E': return '';
      case 'A': if (inClass) throw new Unsupported('\\A in class'); return '^';
      case 'z': if (inClass) throw new Unsupported('\\z in class'); return '$';
      case 'Z': if (inClass) throw new Unsupported('\\Z in class'); return '(?=\\n?$)';
      case 'R': if (inClass) throw new Unsupported('\\R in class'); return '(?:\\r\\n|[\\n\\x0B\\f\\r\\x85\\u2028\\u2029])';
      case 'k': {
        const m = /^<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.src.slice(this.i));
        if (!m || inClass) throw new Unsupported('\\k');
        this.i += m[0].length;
        return `\\k${m[0]}`;
      }
      default: {
        if (/[a-zA-Z]/.test(c)) throw new Unsupported(`\\${c}`);
        const cp = this.src.codePointAt(this.i - 1)!;
        if (cp > 0xffff) this.i++;
        return literal(String.fromCodePoint(cp), inClass);
      }
    }
  }

  private property(negated: boolean, inClass: boolean): string {
    let name: string;
    if (this.peek() === '{') {
      const end = this.src.indexOf('}', this.i);
      if (end < 0) throw new Unsupported('\\p{');
      name = this.src.slice(this.i + 1, end);
      this.i = end + 1;
    } else {
      name = this.src[this.i++] ?? '';
    }
    const posix = POSIX[name.startsWith('Is') && POSIX[name.slice(2)] ? name.slice(2) : name];
    if (posix !== undefined) {
      if (inClass) { if (negated) throw new Unsupported('negated POSIX class in class'); return posix; }
      return `[${negated ? '^' : ''}${posix}]`;
    }
    const p = negated ? 'P' : 'p';
    const one = (js: string): string => `\\${p}{${js}}`;
    const bare = name.startsWith('Is') ? name.slice(2) : name;
    const eq = /^(?:gc|general_category|sc|script|Script|Script_Extensions|scx)=(.+)$/.exec(name);
    let out: string;
    if (eq) out = name.startsWith('g') ? one(eq[1]!) : one(`Script=${eq[1]}`);
    else if (GENERAL_CATEGORIES.has(bare)) out = one(bare);
    else if (BINARY_PROPERTIES[bare] !== undefined) out = one(BINARY_PROPERTIES[bare]);
    else if (name.startsWith('In') || name.startsWith('blk=') || name.startsWith('block=')) throw new Unsupported('Unicode block');
    else if (name.startsWith('Is')) out = one(`Script=${bare}`);
    else throw new Unsupported(`property ${name}`);
    return out;
  }

  /** `[` at this.i-1. Java allows nested classes (union); they are flattened when positive. */
  private charClass(nested = false): string {
    let negated = false;
    if (this.peek() === '^') { negated = true; this.i++; }
    if (nested && negated) throw new Unsupported('negated nested class');
    let out = '';
    let prev: 'none' | 'char' | 'escape' | 'range' = 'none';
    let first = true;
    for (;;) {
      const c = this.src[this.i++];
      if (c === undefined) throw new Unsupported('unclosed class');
      if (c === ']' && !first) break;
      first = false;
      if (c === '&' && this.peek() === '&') throw new Unsupported('class intersection');
      if (c === '[') {
        if (negated) throw new Unsupported('nested class in negated class');
        out += this.charClass(true);
        prev = 'escape';
        continue;
      }
      if (c === '-') {
        const next = this.peek();
        const nextIsAtom = next !== undefined && next !== ']' && next !== '[' && !(next === '\\' && /[dDwWsSpPhQ]/.test(this.peek(1) ?? ''));
        if (prev === 'char' && nextIsAtom) {
          out += '-';
          out += this.classAtom();
          prev = 'range';
        } else {
          out += '\\-';
          prev = 'char';
        }
        continue;
      }
      this.i--;
      const before = this.i;
      out += this.classAtom();
      const atom = this.src.slice(before, this.i);
      prev = /^\\[dDwWsSpPhQ]/.test(atom) ? 'escape' : 'char';
    }
    if (nested) return out;
    return `[${negated ? '^' : ''}${out}]`;
  }

  private classAtom(): string {
    const c = this.src[this.i++]!;
    if (c === '\\') return this.escape(true);
    const cp = this.src.codePointAt(this.i - 1)!;
    if (cp > 0xffff) this.i++;
    return literal(String.fromCodePoint(cp), true);
  }
}

/** A literal character in JS `u` syntax. */
function literal(ch: string, inClass: boolean): string {
  if (inClass) return /[\\\]\[^-]/.test(ch) ? `\\${ch}` : ch;
  if (/[\^$\\.*+?()[\]{}|/]/.test(ch)) return `\\${ch}`;
  if (/[\p{L}\p{N} _\-!:=@,#'"<>&~%`;]/u.test(ch)) return ch;
  return hex(ch);
}

const compiled = new Map<string, RegExp | null>();
const unsupported = new Set<string>();

/** The cached whole-value RegExp for a Java pattern; undefined when JS cannot express it. */
export function compileJavaPattern(java: string): RegExp | undefined {
  let re = compiled.get(java);
  if (re === undefined) {
    const t = translateJavaPattern(java);
    re = t ? new RegExp(t.source, t.flags) : null;
    if (!t) unsupported.add(java);
    compiled.set(java, re);
  }
  return re ?? undefined;
}

/** Patterns seen so far that the validator skips because JS cannot compile them. */
export function skippedPatterns(): readonly string[] {
  return [...unsupported];
}
