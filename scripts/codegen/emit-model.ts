/**
 * The runtime ServiceModel literal: botocore's model filtered to the fields src/model/types.ts
 * declares (documentation, examples, deprecation messages, endpoint-rule context and other
 * client-only fields are dropped; DROPPED lists what was dropped, for the report).
 */
import type { RawMember, RawShape, VendoredService } from './models.js';
import { propertyKey, quote } from './names.js';

const META_KEYS = ['apiVersion', 'endpointPrefix', 'signingName', 'serviceId', 'protocol', 'jsonVersion', 'targetPrefix', 'xmlNamespace', 'globalEndpoint'];
const MEMBER_KEYS = ['shape', 'location', 'locationName', 'queryName', 'flattened', 'xmlAttribute', 'xmlNamespace', 'idempotencyToken', 'jsonvalue', 'hostLabel', 'deprecated', 'timestampFormat', 'eventpayload'];
const BASE_KEYS = ['sensitive', 'locationName', 'xmlNamespace'];
const SHAPE_KEYS: Readonly<Record<string, readonly string[]>> = {
  structure: ['type', 'members', 'required', 'payload', 'exception', 'fault', 'error', 'union', 'event', 'eventstream', 'document', ...BASE_KEYS],
  list: ['type', 'member', 'min', 'max', 'flattened', ...BASE_KEYS],
  map: ['type', 'key', 'value', 'min', 'max', 'flattened', ...BASE_KEYS],
  string: ['type', 'min', 'max', 'pattern', 'enum', ...BASE_KEYS],
  blob: ['type', 'min', 'max', 'streaming', ...BASE_KEYS],
  boolean: ['type', ...BASE_KEYS],
  timestamp: ['type', 'timestampFormat', ...BASE_KEYS],
};
const NUMBER_KEYS = ['type', 'min', 'max', 'box', ...BASE_KEYS];
const NUMBER_TYPES = new Set(['integer', 'long', 'float', 'double', 'bigdecimal', 'biginteger']);
const ERROR_KEYS = ['code', 'httpStatusCode', 'senderFault'];
const OP_KEYS = ['name', 'http', 'input', 'output', 'errors', 'deprecated', 'endpoint', 'httpChecksum'];
const PAGINATOR_KEYS = ['input_token', 'output_token', 'limit_key', 'more_results', 'result_key'];
const LOCATIONS = new Set(['header', 'headers', 'querystring', 'uri', 'statusCode']);

/** Fields seen in botocore that the contract has no place for: `where.field` → count. */
export const DROPPED = new Map<string, number>();
const IGNORED = new Set(['documentation', 'documentationUrl', 'examples', 'deprecatedMessage', 'deprecatedSince']);

function pick(where: string, obj: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  for (const k of Object.keys(obj)) {
    if (!keys.includes(k) && !IGNORED.has(k)) DROPPED.set(`${where}.${k}`, (DROPPED.get(`${where}.${k}`) ?? 0) + 1);
  }
  return out;
}

function member(ref: RawMember): Record<string, unknown> {
  const m = pick('member', ref, MEMBER_KEYS);
  if (m.location !== undefined && !LOCATIONS.has(String(m.location))) throw new Error(`unknown member location ${String(m.location)}`);
  return m;
}

function shape(name: string, raw: RawShape): Record<string, unknown> {
  const keys = NUMBER_TYPES.has(raw.type) ? NUMBER_KEYS : SHAPE_KEYS[raw.type];
  if (!keys) throw new Error(`shape ${name}: unknown type ${raw.type}`);
  const s = pick(`shape(${raw.type})`, raw, keys);
  if (raw.members) s.members = Object.fromEntries(Object.entries(raw.members).map(([k, m]) => [k, member(m)]));
  if (raw.member) s.member = member(raw.member);
  if (raw.key) s.key = member(raw.key);
  if (raw.value) s.value = member(raw.value);
  if (raw.error) s.error = pick('error', raw.error, ERROR_KEYS);
  return s;
}

export interface RuntimeModel {
  readonly metadata: Record<string, unknown>;
  readonly operations: Record<string, Record<string, unknown>>;
  readonly shapes: Record<string, Record<string, unknown>>;
  readonly paginators: Record<string, Record<string, unknown>>;
}

export function runtimeModel(svc: VendoredService): RuntimeModel {
  const raw = svc.model;
  const picked = pick('metadata', { ...raw.metadata, signingName: raw.metadata.signingName ?? raw.metadata.endpointPrefix }, META_KEYS);
  const metadata = Object.fromEntries(META_KEYS.filter((k) => picked[k] !== undefined).map((k) => [k, picked[k]]));
  const operations: Record<string, Record<string, unknown>> = {};
  for (const [name, op] of Object.entries(raw.operations)) {
    const o = pick('operation', op, OP_KEYS);
    o.http = pick('operation.http', op.http, ['method', 'requestUri', 'responseCode']);
    if (op.input) o.input = pick('operation.input', op.input, ['shape', 'locationName', 'xmlNamespace']);
    if (op.output) o.output = pick('operation.output', op.output, ['shape', 'resultWrapper', 'locationName']);
    if (op.errors) o.errors = op.errors.map((e) => e.shape);
    operations[name] = o;
  }
  const shapes = Object.fromEntries(Object.entries(raw.shapes).map(([n, s]) => [n, shape(n, s)]));
  const paginators = Object.fromEntries(
    Object.entries(svc.paginators).map(([n, p]) => [n, pick('paginator', p, PAGINATOR_KEYS)]),
  );
  return { metadata, operations, shapes, paginators };
}

/** A compact single-line TypeScript literal. */
export function literal(v: unknown): string {
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(literal).join(', ')}]`;
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v).map(([k, x]) => `${propertyKey(k)}: ${literal(x)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  throw new Error(`cannot emit ${String(v)}`);
}

/** `export const model: ServiceModel = {…}` with one operation, shape or paginator per line. */
export function emitModel(m: RuntimeModel): string {
  const block = (name: string, rec: Record<string, unknown>): string => {
    const lines = Object.entries(rec).map(([k, x]) => `    ${propertyKey(k)}: ${literal(x)},`);
    return lines.length === 0 ? `  ${name}: {},` : `  ${name}: {\n${lines.join('\n')}\n  },`;
  };
  return [
    'export const model: ServiceModel = {',
    `  metadata: ${literal(m.metadata)},`,
    block('operations', m.operations),
    block('shapes', m.shapes),
    block('paginators', m.paginators),
    '};',
  ].join('\n');
}
