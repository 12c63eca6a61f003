/**
 * restXml (S3): the operation is chosen by method, path and query subresources against the
 * model's `requestUri` patterns; input members are bound from URI labels (`{Key+}` greedy),
 * query strings, headers, prefix headers (`x-amz-meta-`) and the payload (a raw blob or an XML
 * structure); output members go to the status code, headers and an XML or raw body.
 * https://smithy.io/2.0/aws/protocols/aws-restxml-protocol.html, botocore serialize.py/parsers.py
 * (RestXMLSerializer, RestXMLParser). Errors: S3's `<Error>` body
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html) with `x-amz-request-id`
 * and `x-amz-id-2`.
 */
import { createHash } from 'node:crypto';
import { ProtocolError, type AwsError } from '../core/errors.js';
import type { MemberRef, OperationModel, ServiceModel, Shape, StructureShape } from '../model/types.js';
import { header, StreamingPayload, type HttpRequest, type HttpResponse, type ProtocolCodec } from './codec.js';
import { membersOf, setEntry, shapeOf, structureOf, type MemberPlan } from './shapes.js';
import { decodeBase64, encodeBase64, formatTimestamp, parseTimestamp, type TimestampFormat } from './values.js';
import { escapeXml, textElement } from './xml.js';
import { parseXml, XmlSyntaxError, type XmlElement } from './xml-parse.js';

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
/** S3 Control's namespace (API_control_PutPublicAccessBlock request syntax), which its model names only on inputs. */
const S3_CONTROL_NS = 'http://awss3control.amazonaws.com/doc/2018-08-20/';
const defaultNamespace = (model: ServiceModel): string => (model.metadata.endpointPrefix === 's3-control' ? S3_CONTROL_NS : S3_NS);
const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

// https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html
export const MALFORMED_XML = 'The XML you provided was not well-formed or did not validate against our published schema';
const malformedXml = () => new ProtocolError('MalformedXML', MALFORMED_XML, 400);
const methodNotAllowed = (method: string, resourceType: string) =>
  new ProtocolError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { Method: method, ResourceType: resourceType });
const invalidArgument = (message: string, name: string, value: string) =>
  new ProtocolError('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value });

/**
 * Root element names of output bodies that are not a payload member: Smithy's `@xmlName` on the
 * output shape, which botocore's models drop (S3 API Reference, response syntax of each operation).
 */
const OUTPUT_ROOTS: Readonly<Record<string, string>> = {
  ListBuckets: 'ListAllMyBucketsResult',
  ListObjects: 'ListBucketResult',
  ListObjectsV2: 'ListBucketResult',
  ListObjectVersions: 'ListVersionsResult',
  GetBucketLocation: 'LocationConstraint',
  GetBucketVersioning: 'VersioningConfiguration',
  GetBucketTagging: 'Tagging',
  GetObjectTagging: 'Tagging',
  DeleteObjects: 'DeleteResult',
  CreateMultipartUpload: 'InitiateMultipartUploadResult',
  CompleteMultipartUpload: 'CompleteMultipartUploadResult',
  ListMultipartUploads: 'ListMultipartUploadsResult',
  ListParts: 'ListPartsResult',
  GetBucketAcl: 'AccessControlPolicy',
  GetObjectAcl: 'AccessControlPolicy',
};

/** When several operations share a method and URI, the one a bare request means (AWS's current names). */
const PREFERRED = new Set(['ListBuckets', 'GetObject', 'PutObject', 'GetBucketLifecycleConfiguration', 'PutBucketLifecycleConfiguration', 'GetBucketNotificationConfiguration', 'PutBucketNotificationConfiguration']);
/**
 * A browser's CORS preflight (`OPTIONS /bucket[/key]`, RESTOPTIONSobject.html) is no operation of
 * S3's model; it is routed to the S3 operation of this name (services/s3/operations/preflight-request.ts)
 * with the Bucket and Key labels as its input.
 */
const PREFLIGHT = 'PreflightRequest';

function matchPreflight(path: string, query: [string, string][]): Matched | undefined {
  const m = /^\/([^/]+)(?:\/(.*))?$/.exec(path);
  if (m === null) return undefined;
  const labels: Record<string, string> = { Bucket: decodeComponent(m[1]!) };
  if (m[2] !== undefined && m[2] !== '') labels['Key'] = decodeComponent(m[2]);
  return { op: PREFLIGHT, labels, query };
}

/** Chosen only when the request carries `x-amz-copy-source`. */
const COPY_OPS = new Set(['CopyObject', 'UploadPartCopy']);

interface UriPattern {
  readonly op: OperationModel;
  readonly regex: RegExp;
  readonly labels: readonly string[];
  readonly queryLiterals: readonly (readonly [string, string | undefined])[];
  readonly requiredQuery: readonly string[];
}

interface Matched {
  readonly op: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly query: readonly (readonly [string, string])[];
}

const PATTERNS = new WeakMap<ServiceModel, UriPattern[]>();
const MATCHED = new WeakMap<HttpRequest, Matched>();

function patternsOf(model: ServiceModel): UriPattern[] {
  let list = PATTERNS.get(model);
  if (list !== undefined) return list;
  list = [];
  for (const op of Object.values(model.operations)) {
    const uri = op.http.requestUri;
    const q = uri.indexOf('?');
    const path = q === -1 ? uri : uri.slice(0, q);
    const labels: string[] = [];
    let re = '^';
    for (const part of path.split(/(\{[^}]+\})/)) {
      const m = /^\{([^}+]+)(\+)?\}$/.exec(part);
      if (m === null) re += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      else {
        labels.push(m[1]!);
        re += m[2] === '+' ? '(.+)' : '([^/]+)';
      }
    }
    re += path.endsWith('}') && !path.endsWith('+}') ? '/?$' : '$';
    const queryLiterals = q === -1 ? [] : uri.slice(q + 1).split('&').map((kv): [string, string | undefined] => {
      const eq = kv.indexOf('=');
      return eq === -1 ? [kv, undefined] : [kv.slice(0, eq), kv.slice(eq + 1)];
    });
    const requiredQuery: string[] = [];
    if (op.input !== undefined) {
      const shape = structureOf(model, op.input.shape);
      for (const name of shape.required ?? []) {
        const ref = shape.members[name];
        if (ref?.location === 'querystring') requiredQuery.push(ref.locationName ?? name);
      }
    }
    list.push({ op, regex: new RegExp(re), labels, queryLiterals, requiredQuery });
  }
  PATTERNS.set(model, list);
  return list;
}

function decodeComponent(s: string): string {
  try {
    return s.includes('%') ? decodeURIComponent(s) : s;
  } catch {
    return s;
  }
}

function parseQuery(raw: string): [string, string][] {
  const out: [string, string][] = [];
  if (raw === '') return out;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = eq === -1 ? part : part.slice(0, eq);
    const v = eq === -1 ? '' : part.slice(eq + 1);
    out.push([decodeComponent(k.replace(/\+/g, ' ')), decodeComponent(v.replace(/\+/g, ' '))]);
  }
  return out;
}

/** `bucket` of a virtual-hosted-style request (`bucket.s3.localhost[:port]`), else undefined. */
export function virtualHostBucket(req: HttpRequest): string | undefined {
  const host = header(req, 'host');
  if (host === undefined) return undefined;
  const m = /^(.+)\.s3\.localhost(?::\d+)?$/i.exec(host);
  return m?.[1];
}

/** The path the URI patterns are matched against: the bucket of a virtual host moved into it. */
function effectivePath(req: HttpRequest): string {
  const bucket = virtualHostBucket(req);
  return bucket === undefined ? req.rawPath : `/${bucket}${req.rawPath === '' ? '/' : req.rawPath}`;
}

function match(model: ServiceModel, req: HttpRequest): Matched {
  const cached = MATCHED.get(req);
  if (cached !== undefined) return cached;
  const path = effectivePath(req);
  const query = parseQuery(req.rawQuery);
  if (req.method === 'OPTIONS') {
    const pre = matchPreflight(path, query);
    if (pre !== undefined) {
      MATCHED.set(req, pre);
      return pre;
    }
  }
  const keys = new Set(query.map(([k]) => k));
  const copy = header(req, 'x-amz-copy-source') !== undefined;
  const xId = query.find(([k]) => k === 'x-id')?.[1];
  let best: { p: UriPattern; m: RegExpExecArray; score: number } | undefined;
  for (const p of patternsOf(model)) {
    if (p.op.http.method !== req.method) continue;
    const m = p.regex.exec(path);
    if (m === null) continue;
    if (!p.queryLiterals.every(([k, v]) => (v === undefined ? keys.has(k) : query.some(([qk, qv]) => qk === k && qv === v)))) continue;
    if (!p.requiredQuery.every((k) => keys.has(k))) continue;
    if (COPY_OPS.has(p.op.name) !== copy) continue;
    let score = (p.queryLiterals.length + p.requiredQuery.length) * 10;
    if (p.op.name === xId) score += 5;
    if (PREFERRED.has(p.op.name)) score += 2;
    if (p.op.deprecated !== true) score += 1;
    if (best === undefined || score > best.score) best = { p, m, score };
  }
  if (best === undefined) {
    const segments = path.split('/').filter((s) => s !== '');
    throw methodNotAllowed(req.method, segments.length === 0 ? 'SERVICE' : segments.length === 1 ? 'BUCKET' : 'OBJECT');
  }
  const labels: Record<string, string> = {};
  best.p.labels.forEach((name, i) => {
    setEntry(labels, name, decodeComponent(best.m[i + 1]!));
  });
  const result = { op: best.p.op.name, labels, query };
  MATCHED.set(req, result);
  return result;
}

// ---- scalar forms -----------------------------------------------------------------------------

const tsFormat = (ref: MemberRef, shape: Shape, fallback: TimestampFormat): TimestampFormat =>
  (ref.timestampFormat ?? (shape.type === 'timestamp' ? shape.timestampFormat : undefined) ?? fallback) as TimestampFormat;

function parseScalar(ref: MemberRef, shape: Shape, s: string, where: 'header' | 'query' | 'body', name: string): unknown {
  switch (shape.type) {
    case 'integer': case 'long': case 'biginteger': case 'float': case 'double': case 'bigdecimal': {
      const t = s.trim();
      const ok = shape.type === 'integer' || shape.type === 'long' || shape.type === 'biginteger' ? /^[-+]?\d+$/.test(t) : t !== '' && !Number.isNaN(Number(t));
      if (!ok) throw where === 'body' ? malformedXml() : invalidArgument(`Invalid Argument`, name, s); // unverified message
      return Number(t);
    }
    case 'boolean': {
      const t = s.trim().toLowerCase();
      if (t === 'true') return true;
      if (t === 'false') return false;
      throw where === 'body' ? malformedXml() : invalidArgument('Invalid Argument', name, s); // unverified message
    }
    case 'timestamp': {
      const d = parseTimestamp(s.trim(), tsFormat(ref, shape, where === 'header' ? 'rfc822' : 'iso8601')) ?? parseTimestamp(s.trim(), 'rfc822');
      if (d === undefined) throw where === 'body' ? malformedXml() : invalidArgument('Invalid Argument', name, s); // unverified message
      return d;
    }
    case 'blob':
      return decodeBase64(s.trim());
    default:
      return s;
  }
}

function formatScalar(ref: MemberRef, shape: Shape, v: unknown, where: 'header' | 'body'): string {
  switch (shape.type) {
    case 'timestamp':
      return String(formatTimestamp(v, tsFormat(ref, shape, where === 'header' ? 'rfc822' : 'iso8601')));
    case 'boolean':
      return v ? 'true' : 'false';
    case 'blob':
      return encodeBase64(v);
    default:
      return String(v);
  }
}

// ---- XML bodies ---------------------------------------------------------------------------------

function readStruct(model: ServiceModel, name: string, shape: StructureShape, el: XmlElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of membersOf(model, name, shape)) {
    if (m.ref.location !== undefined) continue;
    if (m.ref.xmlAttribute === true) {
      const attr = el.attributes[m.wire] ?? el.attributes[m.wire.slice(m.wire.indexOf(':') + 1)];
      if (attr !== undefined) out[m.name] = attr;
      continue;
    }
    const found = el.children.filter((c) => c.name === m.xmlName);
    if (found.length === 0) continue;
    if (m.flattened) out[m.name] = readFlat(model, m, found);
    else out[m.name] = readValue(model, m.ref, m.shape, found[0]!);
  }
  return out;
}

function readFlat(model: ServiceModel, m: MemberPlan, els: XmlElement[]): unknown {
  if (m.shape.type === 'list') {
    const item = shapeOf(model, m.shape.member);
    return els.map((e) => readValue(model, m.shape.type === 'list' ? m.shape.member : m.ref, item, e));
  }
  if (m.shape.type === 'map') {
    const out: Record<string, unknown> = {};
    for (const e of els) readEntry(model, m.shape.key.locationName ?? 'key', m.shape.value, e, out);
    return out;
  }
  return readValue(model, m.ref, m.shape, els[0]!);
}

function readEntry(model: ServiceModel, keyName: string, valueRef: MemberRef, e: XmlElement, out: Record<string, unknown>): void {
  const k = e.children.find((c) => c.name === keyName)?.text;
  const v = e.children.find((c) => c.name === (valueRef.locationName ?? 'value'));
  if (k !== undefined && v !== undefined) setEntry(out, k, readValue(model, valueRef, shapeOf(model, valueRef), v));
}

function readValue(model: ServiceModel, ref: MemberRef, shape: Shape, el: XmlElement): unknown {
  switch (shape.type) {
    case 'structure':
      return readStruct(model, ref.shape, shape, el);
    case 'list': {
      const item = shapeOf(model, shape.member);
      const itemName = shape.member.locationName ?? 'member';
      return el.children.filter((c) => c.name === itemName).map((c) => readValue(model, shape.member, item, c));
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of el.children.filter((c) => c.name === 'entry')) readEntry(model, shape.key.locationName ?? 'key', shape.value, e, out);
      return out;
    }
    default:
      if (el.children.length > 0) throw malformedXml();
      return parseScalar(ref, shape, el.text, 'body', ref.shape);
  }
}

function writeStruct(model: ServiceModel, name: string, shape: StructureShape, obj: Record<string, unknown>): string {
  let s = '';
  for (const m of membersOf(model, name, shape)) {
    if (m.ref.location !== undefined || m.ref.xmlAttribute === true) continue;
    const v = obj[m.name];
    if (v !== undefined && v !== null) s += writeValue(model, m.xmlName, m.ref, m.shape, v, m.flattened);
  }
  return s;
}

function attributesOf(model: ServiceModel, name: string, shape: StructureShape, obj: Record<string, unknown>): string {
  let s = '';
  for (const m of membersOf(model, name, shape)) {
    if (m.ref.xmlAttribute !== true) continue;
    const v = obj[m.name];
    if (v === undefined || v === null) continue;
    if (m.wire.startsWith('xsi:')) s += ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
    s += ` ${m.wire}="${escapeXml(String(v))}"`;
  }
  return s;
}

function writeValue(model: ServiceModel, name: string, ref: MemberRef, shape: Shape, v: unknown, flattened: boolean, ns = ''): string {
  switch (shape.type) {
    case 'list': {
      const item = shapeOf(model, shape.member);
      const itemName = flattened ? name : (shape.member.locationName ?? 'member');
      let s = '';
      for (const e of v as unknown[]) if (e !== undefined && e !== null) s += writeValue(model, itemName, shape.member, item, e, false);
      return flattened ? s : `<${name}${ns}>${s}</${name}>`;
    }
    case 'map': {
      const value = shapeOf(model, shape.value);
      let s = '';
      for (const [k, e] of Object.entries(v as Record<string, unknown>)) {
        const entry = `${textElement(shape.key.locationName ?? 'key', k)}${writeValue(model, shape.value.locationName ?? 'value', shape.value, value, e, false)}`;
        s += flattened ? `<${name}>${entry}</${name}>` : `<entry>${entry}</entry>`;
      }
      return flattened ? s : `<${name}${ns}>${s}</${name}>`;
    }
    case 'structure': {
      const obj = v as Record<string, unknown>;
      return `<${name}${ns}${attributesOf(model, ref.shape, shape, obj)}>${writeStruct(model, ref.shape, shape, obj)}</${name}>`;
    }
    default:
      return `<${name}${ns}>${escapeXml(formatScalar(ref, shape, v, 'body'))}</${name}>`;
  }
}

const nsAttr = (uri: string | undefined): string => (uri === undefined ? '' : ` xmlns="${escapeXml(uri)}"`);

/** S3's extended request id (`x-amz-id-2`, `<HostId>`): derived from the request id. */
export function s3HostId(requestId: string): string {
  return createHash('sha256').update(`warden:${requestId}`).digest('base64');
}

function baseHeaders(requestId: string): Record<string, string> {
  return { 'x-amz-request-id': requestId, 'x-amz-id-2': s3HostId(requestId) };
}

// ---- the codec ---------------------------------------------------------------------------------

function decodeInput(model: ServiceModel, operation: string, req: HttpRequest): Record<string, unknown> {
  const op = model.operations[operation];
  if (operation === PREFLIGHT) return { ...match(model, req).labels };
  if (op?.input === undefined) return {};
  const shape = structureOf(model, op.input.shape);
  const matched = match(model, req);
  const out: Record<string, unknown> = {};
  for (const m of membersOf(model, op.input.shape, shape)) {
    const loc = m.ref.location;
    if (loc === 'uri') {
      const v = matched.labels[m.wire];
      if (v !== undefined) out[m.name] = v;
    } else if (loc === 'querystring') {
      const values = matched.query.filter(([k]) => k === m.wire).map(([, v]) => v);
      if (values.length === 0) continue;
      if (m.shape.type === 'list') {
        const item = shapeOf(model, m.shape.member);
        out[m.name] = values.map((v) => parseScalar(m.shape.type === 'list' ? m.shape.member : m.ref, item, v, 'query', m.wire));
      } else out[m.name] = parseScalar(m.ref, m.shape, values[0]!, 'query', m.wire);
    } else if (loc === 'header') {
      const v = header(req, m.wire.toLowerCase());
      if (v === undefined) continue;
      if (m.shape.type === 'list') {
        const item = shapeOf(model, m.shape.member);
        out[m.name] = v.split(',').map((p) => parseScalar(m.shape.type === 'list' ? m.shape.member : m.ref, item, p.trim(), 'header', m.wire));
      } else out[m.name] = parseScalar(m.ref, m.shape, v, 'header', m.wire);
    } else if (loc === 'headers') {
      const prefix = m.wire.toLowerCase();
      const map: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v === undefined || !k.toLowerCase().startsWith(prefix)) continue;
        setEntry(map, k.slice(prefix.length).toLowerCase(), Array.isArray(v) ? v.join(',') : v);
      }
      if (Object.keys(map).length > 0) out[m.name] = map;
    } else if (loc === undefined && shape.payload === m.name) {
      const body = Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength);
      if (m.shape.type === 'blob') out[m.name] = req.body;
      else if (m.shape.type === 'string') {
        if (body.length > 0) out[m.name] = body.toString('utf8');
      } else if (m.shape.type === 'structure' && body.length > 0) {
        let root: XmlElement;
        try {
          root = parseXml(body.toString('utf8'));
        } catch (err) {
          if (err instanceof XmlSyntaxError) throw malformedXml();
          throw err;
        }
        if (root.name !== m.wire && root.name !== m.ref.shape) throw malformedXml();
        out[m.name] = readStruct(model, m.ref.shape, m.shape, root);
      }
    }
  }
  return out;
}

function encodeOutput(model: ServiceModel, operation: string, output: unknown, requestId: string): HttpResponse {
  const op = model.operations[operation];
  const headers = baseHeaders(requestId);
  let status = op?.http.responseCode ?? 200;
  if (op?.output === undefined || typeof output !== 'object' || output === null) return { status, headers, body: '' };
  const shape = structureOf(model, op.output.shape);
  const obj = output as Record<string, unknown>;
  let body: string | Uint8Array = '';
  let stream: StreamingPayload | undefined;
  let bodyMembers = false;
  for (const m of membersOf(model, op.output.shape, shape)) {
    const v = obj[m.name];
    const loc = m.ref.location;
    if (loc === undefined && shape.payload !== m.name) bodyMembers = true;
    if (v === undefined || v === null) continue;
    if (loc === 'statusCode') status = Number(v);
    else if (loc === 'header') {
      headers[m.wire.toLowerCase()] = m.shape.type === 'list' ? (v as unknown[]).map((e) => String(e)).join(',') : formatScalar(m.ref, m.shape, v, 'header');
    } else if (loc === 'headers') {
      for (const [k, e] of Object.entries(v as Record<string, unknown>)) headers[`${m.wire}${k}`.toLowerCase()] = String(e);
    } else if (shape.payload === m.name) {
      if (v instanceof StreamingPayload) stream = v;
      else if (m.shape.type === 'blob') body = v as Uint8Array;
      else if (m.shape.type === 'string') body = String(v);
      else {
        const ns = nsAttr(m.ref.xmlNamespace?.uri ?? m.shape.xmlNamespace?.uri ?? defaultNamespace(model));
        body = XML_DECL + writeValue(model, m.wire, m.ref, m.shape, v, false, ns);
        headers['Content-Type'] = 'application/xml';
      }
    }
  }
  if (bodyMembers && shape.payload === undefined) {
    const root = OUTPUT_ROOTS[operation] ?? op.output.shape;
    // GetBucketLocation's body is the bare element: <LocationConstraint>region</LocationConstraint>.
    const inner = operation === 'GetBucketLocation'
      ? escapeXml(String(obj['LocationConstraint'] ?? ''))
      : writeStruct(model, op.output.shape, shape, obj);
    body = `${XML_DECL}<${root}${nsAttr(defaultNamespace(model))}>${inner}</${root}>`;
    headers['Content-Type'] = 'application/xml';
  }
  if (operation === 'GetObject' && obj['ContentRange'] !== undefined) status = 206;
  return stream !== undefined ? { status, headers: { ...headers, 'content-length': String(stream.length) }, body, stream } : { status, headers, body };
}

function encodeError(_model: ServiceModel | undefined, err: AwsError, requestId: string): HttpResponse {
  const headers = baseHeaders(requestId);
  let code = err.code;
  let status = err.httpStatus;
  let message = err.message;
  // The server refuses an oversized body before any service sees it; S3 calls that EntityTooLarge.
  if (code === 'RequestEntityTooLarge') {
    code = 'EntityTooLarge';
    status = 400;
    message = 'Your proposed upload exceeds the maximum allowed object size.';
  }
  if (status === 304) return { status, headers, body: '' };
  let fields = '';
  for (const [k, v] of Object.entries(err.fields)) {
    if (v === undefined || v === null || k === 'Code' || k === 'Message') continue;
    fields += textElement(k, String(v));
  }
  const body = `${XML_DECL}<Error>${textElement('Code', code)}${textElement('Message', message)}${fields}` +
    `${textElement('RequestId', requestId)}${textElement('HostId', headers['x-amz-id-2']!)}</Error>`;
  return { status, headers: { ...headers, 'Content-Type': 'application/xml' }, body };
}

export const restXmlCodec: ProtocolCodec = {
  protocol: 'rest-xml',
  // S3 has no ValidationException: a missing or out-of-range parameter is InvalidArgument / InvalidRequest.
  validationErrorCode: 'InvalidArgument',
  operationName: (model, req) => match(model, req).op,
  decode: decodeInput,
  encodeOutput,
  encodeError,
};
