import { cidrContains, parseCidr, parseIp, type Cidr } from './ip.js';
import { arnSource, cachedRegex, compileWildcard, globSource, type Matcher } from './wildcard.js';
import { parseTemplate, resolvePieces, resolveText, type Lookup, type Template } from './variables.js';

/**
 * Condition operators (IAM UG, reference_policies_elements_condition_operators). Each base
 * operator compiles its policy values into a test of ONE request value that is true when the
 * value matches ANY policy value (values of one key are ORed). Negated operators (StringNotEquals,
 * NotIpAddress, …) compile the positive test and set `negated`; conditions.ts applies the
 * negation with AWS's multivalued and missing-key rules.
 */
export type ValueTest = (requestValue: string, lookup: Lookup) => boolean;

interface BaseOperator {
  readonly name: string;
  readonly negated: boolean;
  /** Policy variables are substituted only in string and ARN operator values. */
  readonly variables: boolean;
  compile(values: readonly Template[]): ValueTest;
}

const never: ValueTest = () => false;

function stringEquals(ignoreCase: boolean) {
  return (values: readonly Template[]): ValueTest => {
    const fold = (s: string): string => (ignoreCase ? s.toLowerCase() : s);
    if (values.every((t) => t.parts === undefined)) {
      const set = new Set(values.map((t) => fold(t.source)));
      return (v) => set.has(fold(v));
    }
    return (v, lookup) => {
      const fv = fold(v);
      return values.some((t) => {
        const text = resolveText(t, lookup);
        return text !== undefined && fold(text) === fv;
      });
    };
  };
}

/** StringLike (glob) and ArnLike/ArnEquals (glob per ARN segment), both case-sensitive. */
function patternTest(arn: boolean) {
  return (values: readonly Template[]): ValueTest => {
    const statics: Matcher[] = [];
    const dynamics: Template[] = [];
    for (const t of values) {
      if (t.parts === undefined) statics.push(compileWildcard(t.source, { arn }));
      else dynamics.push(t);
    }
    if (dynamics.length === 0) return statics.length === 1 ? statics[0]! : (v) => statics.some((m) => m(v));
    return (v, lookup) => {
      if (statics.some((m) => m(v))) return true;
      return dynamics.some((t) => {
        const pieces = resolvePieces(t, lookup);
        return pieces !== undefined && cachedRegex(arn ? arnSource(pieces) : globSource(pieces), false).test(v);
      });
    };
  };
}

function numeric(cmp: (a: number, b: number) => boolean) {
  return (values: readonly Template[]): ValueTest => {
    const nums = values.map((t) => (t.source.trim() === '' ? NaN : Number(t.source))).filter((n) => !Number.isNaN(n));
    return (v) => {
      const n = v.trim() === '' ? NaN : Number(v);
      return !Number.isNaN(n) && nums.some((p) => cmp(n, p));
    };
  };
}

/** ISO 8601 dates and times, or epoch seconds ("DateGreaterThan with epoch" in AWS's examples). */
export function parseDate(s: string): number {
  const t = s.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  return Date.parse(t);
}

function date(cmp: (a: number, b: number) => boolean) {
  return (values: readonly Template[]): ValueTest => {
    const times = values.map((t) => parseDate(t.source)).filter((n) => !Number.isNaN(n));
    return (v) => {
      const n = parseDate(v);
      return !Number.isNaN(n) && times.some((p) => cmp(n, p));
    };
  };
}

function bool(values: readonly Template[]): ValueTest {
  const set = new Set(values.map((t) => t.source.toLowerCase()));
  return (v) => set.has(v.toLowerCase());
}

function binary(values: readonly Template[]): ValueTest {
  const set = new Set(values.map((t) => t.source));
  return (v) => set.has(v);
}

function ip(values: readonly Template[]): ValueTest {
  const blocks = values.map((t) => parseCidr(t.source)).filter((c): c is Cidr => c !== undefined);
  if (blocks.length === 0) return never;
  return (v) => {
    const addr = parseIp(v);
    return addr !== undefined && blocks.some((b) => cidrContains(b, addr));
  };
}

const eq = (a: number, b: number): boolean => a === b;
const lt = (a: number, b: number): boolean => a < b;
const le = (a: number, b: number): boolean => a <= b;
const gt = (a: number, b: number): boolean => a > b;
const ge = (a: number, b: number): boolean => a >= b;

const BASES: readonly BaseOperator[] = [
  { name: 'StringEquals', negated: false, variables: true, compile: stringEquals(false) },
  { name: 'StringNotEquals', negated: true, variables: true, compile: stringEquals(false) },
  { name: 'StringEqualsIgnoreCase', negated: false, variables: true, compile: stringEquals(true) },
  { name: 'StringNotEqualsIgnoreCase', negated: true, variables: true, compile: stringEquals(true) },
  { name: 'StringLike', negated: false, variables: true, compile: patternTest(false) },
  { name: 'StringNotLike', negated: true, variables: true, compile: patternTest(false) },
  { name: 'NumericEquals', negated: false, variables: false, compile: numeric(eq) },
  { name: 'NumericNotEquals', negated: true, variables: false, compile: numeric(eq) },
  { name: 'NumericLessThan', negated: false, variables: false, compile: numeric(lt) },
  { name: 'NumericLessThanEquals', negated: false, variables: false, compile: numeric(le) },
  { name: 'NumericGreaterThan', negated: false, variables: false, compile: numeric(gt) },
  { name: 'NumericGreaterThanEquals', negated: false, variables: false, compile: numeric(ge) },
  { name: 'DateEquals', negated: false, variables: false, compile: date(eq) },
  { name: 'DateNotEquals', negated: true, variables: false, compile: date(eq) },
  { name: 'DateLessThan', negated: false, variables: false, compile: date(lt) },
  { name: 'DateLessThanEquals', negated: false, variables: false, compile: date(le) },
  { name: 'DateGreaterThan', negated: false, variables: false, compile: date(gt) },
  { name: 'DateGreaterThanEquals', negated: false, variables: false, compile: date(ge) },
  { name: 'Bool', negated: false, variables: false, compile: bool },
  { name: 'BinaryEquals', negated: false, variables: false, compile: binary },
  { name: 'IpAddress', negated: false, variables: false, compile: ip },
  { name: 'NotIpAddress', negated: true, variables: false, compile: ip },
  { name: 'ArnEquals', negated: false, variables: true, compile: patternTest(true) },
  { name: 'ArnLike', negated: false, variables: true, compile: patternTest(true) },
  { name: 'ArnNotEquals', negated: true, variables: true, compile: patternTest(true) },
  { name: 'ArnNotLike', negated: true, variables: true, compile: patternTest(true) },
  { name: 'Null', negated: false, variables: false, compile: () => never },
];

const BY_LOWER_NAME = new Map(BASES.map((b) => [b.name.toLowerCase(), b]));

export type SetQualifier = 'ForAllValues' | 'ForAnyValue';

export interface OperatorName {
  readonly base: BaseOperator;
  readonly qualifier?: SetQualifier;
  readonly ifExists: boolean;
}

/** `ForAnyValue:StringLikeIfExists` → its parts; undefined for an unknown operator. */
export function parseOperatorName(name: string): OperatorName | undefined {
  let rest = name;
  let qualifier: SetQualifier | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const q = rest.slice(0, colon).toLowerCase();
    if (q === 'forallvalues') qualifier = 'ForAllValues';
    else if (q === 'foranyvalue') qualifier = 'ForAnyValue';
    else return undefined;
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'IfExists'.length);
  }
  const base = BY_LOWER_NAME.get(rest.toLowerCase());
  if (base === undefined || (base.name === 'Null' && (ifExists || qualifier !== undefined))) return undefined;
  return { base, ifExists, ...(qualifier !== undefined ? { qualifier } : {}) };
}

export function compileValues(op: OperatorName, values: readonly string[], variablesEnabled: boolean): ValueTest {
  const templates = values.map((v) => parseTemplate(v, variablesEnabled && op.base.variables));
  return op.base.compile(templates);
}
