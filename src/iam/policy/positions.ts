/**
 * Where each statement of a policy document sits in its original text, as the IAM Policy
 * Simulator reports it (`Statement.StartPosition` / `EndPosition`, 1-based line and column).
 *
 * AWS's positions, fitted to recorded responses: the end is the position just after the
 * statement's closing `}`; the start is the position just after the token before the statement —
 * the `[` for the first statement, the previous statement's `}` for the others (so the `,` and any
 * white space belong to the next statement). Fitted to a boto3 SimulateCustomPolicy recording whose
 * documents are published (Ministry of Justice Digital blog on the simulator and S3 resource
 * policies: a one-line identity policy, statement 1:41–1:180; a compact bucket policy, statements
 * 1:38–1:248 and 1:248–…), and consistent with the AWS CLI's simulate-principal-policy example
 * (3:19–9:10, a 4-space document) and recorded AdministratorAccess results (3:17–8:6, the policy as
 * AWS stores it with 2-space indentation).
 */
// unverified: a `Statement` that is a single object (not a list) — taken to start just after its `:`.
export interface TextPosition {
  readonly Line: number;
  readonly Column: number;
}

export interface StatementSpan {
  readonly start: TextPosition;
  readonly end: TextPosition;
}

/** Spans of the statements in document order; empty when the text is not the JSON expected. */
export function statementSpans(text: string): StatementSpan[] {
  try {
    return new Scanner(text).spans();
  } catch {
    return [];
  }
}

class Scanner {
  private i = 0;
  constructor(private readonly s: string) {}

  spans(): StatementSpan[] {
    this.ws();
    this.expect('{');
    for (;;) {
      this.ws();
      if (this.s[this.i] === '}') return [];
      const key = this.string();
      this.ws();
      this.expect(':');
      const afterColon = this.i;
      this.ws();
      if (key === 'Statement') return this.statementValue(afterColon);
      this.value();
      this.ws();
      if (this.s[this.i] === ',') this.i++;
    }
  }

  private statementValue(afterColon: number): StatementSpan[] {
    if (this.s[this.i] === '{') {
      this.value();
      return [this.span(afterColon, this.i)];
    }
    this.expect('[');
    const out: StatementSpan[] = [];
    let from = this.i;
    for (;;) {
      this.ws();
      if (this.s[this.i] === ']') return out;
      if (this.s[this.i] === ',') {
        this.i++;
        this.ws();
      }
      this.value();
      out.push(this.span(from, this.i));
      from = this.i;
    }
  }

  private span(from: number, to: number): StatementSpan {
    return { start: this.position(from), end: this.position(to) };
  }

  /** 1-based line and column of the character at `offset` (CRLF counts as one line break). */
  private position(offset: number): TextPosition {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < offset; k++) {
      const c = this.s[k];
      if (c === '\n' || (c === '\r' && this.s[k + 1] !== '\n')) {
        line++;
        lineStart = k + 1;
      }
    }
    return { Line: line, Column: offset - lineStart + 1 };
  }

  private ws(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i]!)) this.i++;
  }

  private expect(c: string): void {
    if (this.s[this.i] !== c) throw new Error(`expected ${c}`);
    this.i++;
  }

  private string(): string {
    const start = this.i;
    this.expect('"');
    while (this.i < this.s.length && this.s[this.i] !== '"') this.i += this.s[this.i] === '\\' ? 2 : 1;
    this.expect('"');
    return JSON.parse(this.s.slice(start, this.i)) as string;
  }

  /** Skips one JSON value. */
  private value(): void {
    const c = this.s[this.i];
    if (c === '"') {
      this.string();
      return;
    }
    if (c === '{' || c === '[') {
      let depth = 0;
      do {
        const d = this.s[this.i];
        if (d === '"') {
          this.string();
          continue;
        }
        if (d === '{' || d === '[') depth++;
        else if (d === '}' || d === ']') depth--;
        this.i++;
      } while (depth > 0 && this.i < this.s.length);
      return;
    }
    while (this.i < this.s.length && !',]} \t\r\n'.includes(this.s[this.i]!)) this.i++;
  }
}
