/**
 * Input validation against an AWS service model, with AWS's ValidationException wording.
 * Shapes compile once into closures, cached per (model, shape); validation runs on every request.
 *
 * Wording, each with the recording it is taken from:
 * - `1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint:
 *   Member must have value greater than or equal to 1`; numbers are quoted like strings; several
 *   violations: `N validation errors detected: …; …` — LocalStack's recordings against AWS,
 *   tests/aws/services/kms/test_kms.snapshot.json (GenerateRandom), sts/test_sts.snapshot.json.
 * - `Member must have length less than or equal to 64`, `Member must satisfy regular expression
 *   pattern: [\w+=,.@-]*` (the model's Java pattern, printed raw; matched against the whole value)
 *   — sts/test_sts.snapshot.json (AssumeRole roleSessionName).
 * - `Member must satisfy enum value set: [A, B]` — kms/test_kms.snapshot.json (CreateKey keySpec).
 *   AWS lists the values in an internal order that is neither the model's nor Java HashSet's
 *   (checked against three recordings); Warden uses the model's order. // unverified order
 * - A sensitive member prints no value: `Value at 'plaintext' failed to satisfy constraint: …` —
 *   kms/test_kms.snapshot.json (Encrypt, 4097-byte plaintext). Other members print theirs; IAM
 *   logs of 2019–2021 do (`Value '…' at 'roleName'`), though some IAM emulators' tests expect
 *   `Value at 'userName'` for every IAM member. // unverified for IAM today
 * - A missing required member: `Value null at 'secretId' failed to satisfy constraint: Member must
 *   not be null` (users' logs of Secrets Manager, CloudWatch GetMetricData). For a sensitive
 *   member Warden also prints `Value null` (Cognito's sensitive clientId does). // unverified
 * - Paths lower-case the first letter only (`sSESpecification.sSEType`, a DynamoDB log); list
 *   elements of structures are `records.1.member.data` (1-based; Kinesis, Firehose logs and
 *   kinesalite's tests recorded against Kinesis); map values are `map.<key>.member.x` (dynalite's
 *   tests). // unverified for maps
 * - Blobs print as `java.nio.HeapByteBuffer[pos=0 lim=N cap=N]` (Rekognition, Kinesis, Firehose
 *   logs); lists as `[a, b]`; maps as `{k=v, k2=v2}` (an EventBridge log).
 * - Constraints on list members and map keys/values are reported once, on the collection, listing
 *   every constraint of the member shape: `Value '[ccc]' at 'subjectAlternativeNames' failed to
 *   satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal
 *   to 253, Member must have length greater than or equal to 1, Member must satisfy regular
 *   expression pattern: …]` (an ACM log), `Map keys must satisfy constraint: [...]` (EventBridge),
 *   `Map value must satisfy constraint: [...]` (Cognito, DynamoDB).
 * - At most 10 violations are reported (kinesalite's recorded PutRecords test: 501 bad records
 *   give `10 validation errors detected`).
 * Order of violations: AWS's order is not reproducible (recordings disagree with model order,
 * alphabetical order and hash order). Warden reports members in model order, depth first, a
 * collection's own constraints before its elements', and per member: length, value range,
 * pattern, enum (length before pattern in 3 of 4 recordings). // unverified
 */
import type { ListShape, MapShape, ServiceModel, Shape, StructureShape } from './types.js';
import { compileJavaPattern } from './java-regex.js';

export { skippedPatterns } from './java-regex.js';

export interface Violation {
  /** AWS's path: member names with a lower-case first letter, `list.1.member`, `map.key.member`. */
  path: string;
  /** The offending value as decoded (undefined or null for a missing member). */
  value: unknown;
  /** The text after `failed to satisfy constraint: `. */
  constraint: string;
  /** The value is sensitive (model `sensitive`): the message leaves it out. */
  sensitive: boolean;
}

export const MAX_REPORTED_VIOLATIONS = 10;

interface Constraint {
  readonly message: string;
  readonly ok: (value: unknown) => boolean;
}

/** A compiled shape: its own constraints and, for aggregates, a walk over its children. */
interface Node {
  readonly name: string;
  readonly shape: Shape;
  readonly own: readonly Constraint[];
  children: ((value: unknown, path: string, v: Validation) => void) | undefined;
  building: boolean;
}

class Validation {
  readonly out: Violation[] = [];
  constructor(readonly compiler: Compiler) {}
  get full(): boolean { return this.out.length >= MAX_REPORTED_VIOLATIONS; }
  push(node: Node | undefined, path: string, value: unknown, constraint: string): void {
    if (this.full) return;
    const sensitive = node !== undefined && this.compiler.sensitive(node.name);
    const violation: Violation = { path, value, constraint, sensitive };
    if (node !== undefined && value !== undefined && value !== null && !sensitive) {
      rendered.set(violation, this.compiler.render(node, value));
    }
    this.out.push(violation);
  }
}

/** Java toString renderings, kept beside the violation so the public shape stays plain data. */
const rendered = new WeakMap<Violation, string>();

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);
const join = (path: string, segment: string): string => (path === '' ? segment : `${path}.${segment}`);

class Compiler {
  private readonly nodes = new Map<string, Node>();
  private readonly sensitivity = new Map<string, boolean>();
  constructor(readonly model: ServiceModel) {}

  node(name: string): Node {
    const cached = this.nodes.get(name);
    if (cached) return cached;
    const shape = this.model.shapes[name];
    if (!shape) throw new Error(`shape ${name} is not in the ${this.model.metadata.serviceId} model`);
    const node: Node = { name, shape, own: ownConstraints(shape), children: undefined, building: true };
    this.nodes.set(name, node);
    if (shape.type === 'structure') node.children = this.structure(shape);
    else if (shape.type === 'list') node.children = this.list(node, shape);
    else if (shape.type === 'map') node.children = this.map(node, shape);
    node.building = false;
    return node;
  }

  /** Nothing to check below this node (a node still being built may recurse: not trivial). */
  private trivial(n: Node): boolean {
    return !n.building && n.own.length === 0 && n.children === undefined;
  }

  private structure(shape: StructureShape): Node['children'] {
    if (shape.document) return undefined;
    const required = new Set(shape.required ?? []);
    const members = Object.entries(shape.members)
      .map(([name, ref]) => ({ name, segment: lowerFirst(name), required: required.has(name), node: this.node(ref.shape) }))
      .filter((m) => m.required || !this.trivial(m.node));
    if (members.length === 0) return undefined;
    return (value, path, v) => {
      const obj = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
      for (const m of members) {
        if (v.full) return;
        const child = obj[m.name];
        if (child === undefined || child === null || typeof child === 'function') {
          if (m.required) v.push(m.node, join(path, m.segment), null, 'Member must not be null');
          continue;
        }
        visit(m.node, child, join(path, m.segment), v);
      }
    };
  }

  private list(self: Node, shape: ListShape): Node['children'] {
    const member = this.node(shape.member.shape);
    if (this.trivial(member)) return undefined;
    const aggregate = `Member must satisfy constraint: [${member.own.map((c) => c.message).join(', ')}]`;
    return (value, path, v) => {
      if (!Array.isArray(value)) return;
      if (member.own.length > 0 && value.some((e) => e !== null && e !== undefined && !member.own.every((c) => c.ok(e)))) {
        v.push(self, path, value, aggregate);
      }
      for (let i = 0; i < value.length && !v.full; i++) {
        const e: unknown = value[i];
        const at = `${path}.${i + 1}.member`;
        if (e === null || e === undefined) v.push(member, at, null, 'Member must not be null'); // unverified
        else member.children?.(e, at, v);
      }
    };
  }

  private map(self: Node, shape: MapShape): Node['children'] {
    const key = this.node(shape.key.shape);
    const val = this.node(shape.value.shape);
    if (this.trivial(key) && this.trivial(val)) return undefined;
    const keysMessage = `Map keys must satisfy constraint: [${key.own.map((c) => c.message).join(', ')}]`;
    const valuesMessage = `Map value must satisfy constraint: [${val.own.map((c) => c.message).join(', ')}]`;
    return (value, path, v) => {
      if (typeof value !== 'object' || value === null) return;
      const entries = Object.entries(value as Record<string, unknown>);
      if (key.own.length > 0 && entries.some(([k]) => !key.own.every((c) => c.ok(k)))) v.push(self, path, value, keysMessage);
      if (val.own.length > 0 && entries.some(([, e]) => e !== null && e !== undefined && !val.own.every((c) => c.ok(e)))) {
        v.push(self, path, value, valuesMessage);
      }
      if (val.children === undefined && !val.building) return;
      for (const [k, e] of entries) {
        if (v.full) return;
        if (e !== null && e !== undefined) val.children?.(e, `${path}.${k}.member`, v);
      }
    };
  }

  /** The shape is sensitive or reaches a sensitive shape (then a rendering could leak it). */
  sensitive(name: string): boolean {
    let known = this.sensitivity.get(name);
    if (known === undefined) { known = this.reaches(name, new Set()); this.sensitivity.set(name, known); }
    return known;
  }

  private reaches(name: string, seen: Set<string>): boolean {
    if (this.sensitivity.get(name) === true) return true;
    if (seen.has(name)) return false;
    seen.add(name);
    const shape = this.model.shapes[name];
    if (shape === undefined) return false;
    if (shape.sensitive === true) return true;
    if (shape.type === 'structure') return Object.values(shape.members).some((m) => this.reaches(m.shape, seen));
    if (shape.type === 'list') return this.reaches(shape.member.shape, seen);
    if (shape.type === 'map') return this.reaches(shape.key.shape, seen) || this.reaches(shape.value.shape, seen);
    return false;
  }

  /** Java's toString of the server-side value. */
  render(node: Node, value: unknown): string {
    const shape = node.shape;
    if (value instanceof Uint8Array) return `java.nio.HeapByteBuffer[pos=0 lim=${value.byteLength} cap=${value.byteLength}]`;
    if (value instanceof Date) return javaDate(value); // unverified
    if (typeof value === 'number') return shape.type === 'double' || shape.type === 'float' ? javaDouble(value) : String(value);
    if (typeof value !== 'object' || value === null) return String(value);
    if (shape.type === 'list' && Array.isArray(value)) {
      const member = this.node(shape.member.shape);
      return `[${value.map((e: unknown) => (e === null || e === undefined ? 'null' : this.render(member, e))).join(', ')}]`;
    }
    if (shape.type === 'map') {
      const k = this.node(shape.key.shape);
      const val = this.node(shape.value.shape);
      const parts = Object.entries(value as Record<string, unknown>).map(([key, e]) => `${this.render(k, key)}=${e === null || e === undefined ? 'null' : this.render(val, e)}`);
      return `{${parts.join(', ')}}`;
    }
    // Java's Object.toString of the server's generated class (kinesalite's recording shows
    // com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry@2); the hash cannot match. // unverified
    const meta = this.model.metadata;
    return `com.amazonaws.${meta.endpointPrefix}.v${meta.apiVersion.replace(/-/g, '')}.${node.name}@${(javaHash(JSON.stringify(value) ?? '') >>> 0).toString(16)}`;
  }
}

function visit(node: Node, value: unknown, path: string, v: Validation): void {
  for (const c of node.own) if (!c.ok(value)) v.push(node, path, value, c.message);
  if (node.children !== undefined && !v.full) node.children(value, path, v);
}

/** Order: length, value range, pattern, enum (the order AWS lists them in `[...]`). */
function ownConstraints(shape: Shape): Constraint[] {
  const out: Constraint[] = [];
  switch (shape.type) {
    case 'string': {
      if (shape.max !== undefined) { const max = shape.max; out.push({ message: `Member must have length less than or equal to ${max}`, ok: (s) => typeof s !== 'string' || s.length <= max || codePoints(s) <= max }); }
      if (shape.min !== undefined) { const min = shape.min; out.push({ message: `Member must have length greater than or equal to ${min}`, ok: (s) => typeof s !== 'string' || s.length >= 2 * min || (s.length >= min && codePoints(s) >= min) }); }
      if (shape.pattern !== undefined) {
        const re = compileJavaPattern(shape.pattern);
        out.push({ message: `Member must satisfy regular expression pattern: ${shape.pattern}`, ok: re ? (s) => typeof s !== 'string' || re.test(s) : () => true });
      }
      if (shape.enum !== undefined) { const set = new Set(shape.enum); out.push({ message: `Member must satisfy enum value set: [${shape.enum.join(', ')}]`, ok: (s) => typeof s !== 'string' || set.has(s) }); }
      return out;
    }
    case 'blob':
    case 'list':
    case 'map': {
      if (shape.type === 'blob' && shape.streaming) return out;
      const size = shape.type === 'blob' ? byteLength : shape.type === 'list' ? listLength : mapSize;
      if (shape.max !== undefined) { const max = shape.max; out.push({ message: `Member must have length less than or equal to ${max}`, ok: (x) => (size(x) ?? 0) <= max }); }
      if (shape.min !== undefined) { const min = shape.min; out.push({ message: `Member must have length greater than or equal to ${min}`, ok: (x) => (size(x) ?? min) >= min }); }
      return out;
    }
    case 'integer': case 'long': case 'float': case 'double': case 'bigdecimal': case 'biginteger': {
      const fmt = shape.type === 'float' || shape.type === 'double' ? javaDouble : String;
      if (shape.max !== undefined) { const max = shape.max; out.push({ message: `Member must have value less than or equal to ${fmt(max)}`, ok: (n) => typeof n !== 'number' || n <= max }); }
      if (shape.min !== undefined) { const min = shape.min; out.push({ message: `Member must have value greater than or equal to ${fmt(min)}`, ok: (n) => typeof n !== 'number' || n >= min }); }
      return out;
    }
    default:
      return out;
  }
}

const byteLength = (x: unknown): number | undefined => (x instanceof Uint8Array ? x.byteLength : undefined);
const listLength = (x: unknown): number | undefined => (Array.isArray(x) ? x.length : undefined);
const mapSize = (x: unknown): number | undefined => (typeof x === 'object' && x !== null ? Object.keys(x).length : undefined);

/** Smithy measures string length in Unicode scalar values, not UTF-16 units. // unverified for Coral */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n--; i++; }
    }
  }
  return n;
}

/** Java's Double.toString: `1.0`, `0.001`, `1.0E7`. */
function javaDouble(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const a = Math.abs(n);
  if (a >= 1e-3 && a < 1e7) { const s = String(n); return s.includes('.') ? s : `${s}.0`; }
  const [mantissa = '', exp = ''] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exp.replace('+', '')}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Java's Date.toString in UTC: `Mon Jan 01 00:00:00 UTC 2024`. */
function javaDate(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

const compilers = new WeakMap<ServiceModel, Compiler>();

/**
 * Checks a decoded input (blobs Uint8Array, timestamps Date) against `shapeName` of `model`.
 * Returns at most MAX_REPORTED_VIOLATIONS violations, in Warden's order (see above); [] if valid.
 * Values of the wrong JS type are the codec's to reject; they are not reported here.
 */
export function validateInput(model: ServiceModel, shapeName: string, input: unknown): Violation[] {
  let compiler = compilers.get(model);
  if (!compiler) { compiler = new Compiler(model); compilers.set(model, compiler); }
  const node = compiler.node(shapeName);
  if (node.own.length === 0 && node.children === undefined) return [];
  const v = new Validation(compiler);
  visit(node, input ?? {}, '', v);
  return v.out;
}

/** AWS's message: `N validation error(s) detected: Value 'x' at 'path' failed to satisfy constraint: …; …`. */
export function validationMessage(violations: readonly Violation[]): string {
  const shown = violations.slice(0, MAX_REPORTED_VIOLATIONS);
  const n = shown.length;
  const parts = shown.map((x) => {
    const value = x.value === null || x.value === undefined ? 'null ' : x.sensitive ? '' : `'${rendered.get(x) ?? String(x.value)}' `;
    return `Value ${value}at '${x.path}' failed to satisfy constraint: ${x.constraint}`;
  });
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${parts.join('; ')}`;
}
