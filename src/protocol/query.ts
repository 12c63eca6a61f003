/**
 * awsQuery: form-urlencoded `Action`, `Version` and input members in the body (POST) or the query
 * string (GET); XML responses. https://smithy.io/2.0/aws/protocols/aws-query-protocol.html
 * Input names follow botocore's `QuerySerializer` (serialize.py): `A.B` for nested members, lists
 * `Name.member.N` (`Name.N` when flattened, the member's `locationName` replacing `member`), maps
 * `Name.entry.N.key` / `.value`, booleans `true`/`false`, timestamps ISO 8601, blobs base64.
 * Output and errors follow botocore's `QueryParser` (parsers.py) and the SDK v3 `AwsQueryProtocol`.
 */
import { ProtocolError, type AwsError } from '../core/errors.js';
import type { MemberRef, ServiceModel, Shape, StructureShape } from '../model/types.js';
import { REQUEST_ID_HEADER, type HttpRequest, type HttpResponse, type ProtocolCodec } from './codec.js';
import { addParams, indexedChildren, type ParamNode } from './form.js';
import { errorShapeOf, membersOf, setEntry, shapeOf, structureOf } from './shapes.js';
import { base64Problem, decodeBase64, encodeBase64, formatTimestamp, parseTimestamp, type TimestampFormat } from './values.js';
import { escapeXml, textElement } from './xml.js';

// Errors raised before the request reaches a service are rendered in AWS's fault namespace: a real
// SES InvalidAction body (django-ses/django-ses#158) and versitygw's IAM (iamapi/iamerr/errors.go).
// unverified for MissingAction
const AWS_FAULT_NS = 'http://webservices.amazon.com/AWSFault/2005-15-09';
const FAULT_NS_CODES = new Set(['InvalidAction', 'MissingAction']);

/**
 * `Could not find operation X for version Y`, for an unknown Action and for a known one under
 * another Version: real IAM (fog/fog-aws#368) and SES bodies (aws/aws-cli#37, django-ses#158).
 */
const invalidAction = (action: string, version: string | undefined) =>
  // The missing-Version spelling is versitygw's (iamapi/router_test.go). // unverified
  new ProtocolError('InvalidAction', `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`);
// unverified: message; code as every emulator and SDK protocol test uses it.
const missingAction = () => new ProtocolError('MissingAction', 'Missing Action');
// Coral's query framework answers a value it cannot read as 400 MalformedInput. Probed against
// real SES in 2026 by floci (SesQueryV1IdentityAttributesTest, SesListPaging): a non-integer has
// no message, an empty number "missing value for decimal type", booleans below.
const malformed = (message = '') => new ProtocolError('MalformedInput', message);

const PARAMS = new WeakMap<HttpRequest, ParamNode>();

/** The request's parameters, parsed once per request: body first (POST), then the query string. */
function paramsOf(req: HttpRequest): ParamNode {
  let root = PARAMS.get(req);
  if (root === undefined) {
    root = {};
    const { body } = req;
    if (body.byteLength > 0) addParams(root, Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
    addParams(root, req.rawQuery);
    PARAMS.set(req, root);
  }
  return root;
}

const flatOf = (ref: MemberRef, shape: Shape) =>
  ref.flattened === true || ((shape.type === 'list' || shape.type === 'map') && shape.flattened === true);
const tsFormat = (ref: MemberRef, shape: Shape): TimestampFormat =>
  (ref.timestampFormat ?? (shape.type === 'timestamp' ? shape.timestampFormat : undefined) ?? 'iso8601') as TimestampFormat;

function decodeStruct(model: ServiceModel, name: string, shape: StructureShape, node: ParamNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const children = node.children;
  if (children === undefined) return out;
  for (const m of membersOf(model, name, shape)) {
    const child = children.get(m.xmlName);
    if (child === undefined) continue;
    const v = decodeValue(model, m.ref, m.shape, child, m.flattened);
    if (v !== undefined) out[m.name] = v;
  }
  return out;
}

function decodeValue(model: ServiceModel, ref: MemberRef, shape: Shape, node: ParamNode, flattened: boolean): unknown {
  switch (shape.type) {
    case 'list': {
      const item = shapeOf(model, shape.member);
      const itemFlat = flatOf(shape.member, item);
      const items = flattened ? node : node.children?.get(shape.member.locationName ?? 'member');
      const out: unknown[] = [];
      for (const n of indexedChildren(items)) {
        const v = decodeValue(model, shape.member, item, n, itemFlat);
        if (v !== undefined) out.push(v);
      }
      return out;
    }
    case 'map': {
      const value = shapeOf(model, shape.value);
      const keyName = shape.key.locationName ?? 'key';
      const valueName = shape.value.locationName ?? 'value';
      const out: Record<string, unknown> = {};
      for (const entry of indexedChildren(flattened ? node : node.children?.get('entry'))) {
        const k = entry.children?.get(keyName)?.value;
        const vn = entry.children?.get(valueName);
        const v = vn === undefined ? undefined : decodeValue(model, shape.value, value, vn, flatOf(shape.value, value));
        if (k !== undefined && v !== undefined) setEntry(out, k, v);
      }
      return out;
    }
    case 'structure':
      return decodeStruct(model, ref.shape, shape, node);
    default:
      return node.value === undefined ? undefined : decodeScalar(ref, shape, node.value);
  }
}

function decodeScalar(ref: MemberRef, shape: Shape, s: string): unknown {
  switch (shape.type) {
    case 'integer': case 'long': case 'biginteger':
      if (s === '') throw malformed('missing value for decimal type');
      if (!/^[-+]?\d+$/.test(s)) throw malformed();
      return Number(s);
    case 'float': case 'double': case 'bigdecimal': {
      if (s === '') throw malformed('missing value for decimal type'); // unverified for floats
      const n = Number(s);
      if (Number.isNaN(n) && s !== 'NaN') throw malformed(); // unverified
      return n;
    }
    case 'boolean':
      // xsd:boolean, case-sensitive (floci, probed against SES).
      if (s === 'true' || s === '1') return true;
      if (s === 'false' || s === '0') return false;
      throw malformed(s === '' ? 'missing value for boolean type' : 'boolean must follow xsd1.1 definition');
    case 'timestamp': {
      const d = parseTimestamp(s, tsFormat(ref, shape));
      if (d === undefined) throw malformed(); // unverified
      return d;
    }
    case 'blob':
      if (base64Problem(s) !== undefined) throw malformed(); // unverified
      return decodeBase64(s);
    default:
      return s;
  }
}

function writeStruct(model: ServiceModel, name: string, shape: StructureShape, obj: Record<string, unknown>): string {
  let s = '';
  for (const m of membersOf(model, name, shape)) {
    const v = obj[m.name];
    if (v !== undefined && v !== null) s += writeValue(model, m.xmlName, m.ref, m.shape, v, m.flattened);
  }
  return s;
}

function writeValue(model: ServiceModel, name: string, ref: MemberRef, shape: Shape, v: unknown, flattened: boolean): string {
  switch (shape.type) {
    case 'list': {
      const item = shapeOf(model, shape.member);
      const itemFlat = flatOf(shape.member, item);
      const itemName = flattened ? name : (shape.member.locationName ?? 'member');
      let s = '';
      for (const e of v as unknown[]) if (e !== undefined && e !== null) s += writeValue(model, itemName, shape.member, item, e, itemFlat);
      return flattened ? s : s === '' ? `<${name}/>` : `<${name}>${s}</${name}>`;
    }
    case 'map': {
      const value = shapeOf(model, shape.value);
      const keyName = shape.key.locationName ?? 'key';
      const valueName = shape.value.locationName ?? 'value';
      const entry = flattened ? name : 'entry';
      let s = '';
      for (const [k, e] of Object.entries(v as Record<string, unknown>)) {
        if (e === undefined || e === null) continue;
        s += `<${entry}>${textElement(keyName, k)}${writeValue(model, valueName, shape.value, value, e, flatOf(shape.value, value))}</${entry}>`;
      }
      return flattened ? s : s === '' ? `<${name}/>` : `<${name}>${s}</${name}>`;
    }
    case 'structure': {
      const s = writeStruct(model, ref.shape, shape, v as Record<string, unknown>);
      return s === '' ? `<${name}/>` : `<${name}>${s}</${name}>`;
    }
    case 'blob':
      return textElement(name, encodeBase64(v));
    case 'timestamp':
      return textElement(name, String(formatTimestamp(v, tsFormat(ref, shape))));
    case 'boolean':
      return `<${name}>${v ? 'true' : 'false'}</${name}>`;
    default:
      return textElement(name, String(v));
  }
}

function xmlResponse(status: number, body: string, requestId: string): HttpResponse {
  return { status, headers: { 'Content-Type': 'text/xml', [REQUEST_ID_HEADER]: requestId }, body };
}

export const queryCodec: ProtocolCodec = {
  protocol: 'query',
  validationErrorCode: 'ValidationError',

  operationName(model: ServiceModel, req: HttpRequest): string {
    const params = paramsOf(req).children;
    const action = params?.get('Action')?.value;
    if (action === undefined || action === '') throw missingAction();
    const version = params?.get('Version')?.value;
    if (version !== model.metadata.apiVersion || !Object.hasOwn(model.operations, action)) throw invalidAction(action, version);
    return action;
  },

  decode(model: ServiceModel, operation: string, req: HttpRequest): Record<string, unknown> {
    const op = model.operations[operation];
    if (op === undefined) throw invalidAction(operation, model.metadata.apiVersion);
    if (op.input === undefined) return {};
    return decodeStruct(model, op.input.shape, structureOf(model, op.input.shape), paramsOf(req));
  },

  encodeOutput(model: ServiceModel, operation: string, output: unknown, requestId: string): HttpResponse {
    const out = model.operations[operation]?.output;
    const ns = model.metadata.xmlNamespace;
    let body = ns === undefined ? `<${operation}Response>` : `<${operation}Response xmlns="${escapeXml(ns)}">`;
    if (out !== undefined) {
      const members = typeof output === 'object' && output !== null ? writeStruct(model, out.shape, structureOf(model, out.shape), output as Record<string, unknown>) : '';
      body += out.resultWrapper === undefined ? members : `<${out.resultWrapper}>${members}</${out.resultWrapper}>`;
    }
    body += `<ResponseMetadata><RequestId>${escapeXml(requestId)}</RequestId></ResponseMetadata></${operation}Response>`;
    return xmlResponse(200, body, requestId);
  },

  encodeError(model: ServiceModel | undefined, err: AwsError, requestId: string): HttpResponse {
    const ns = FAULT_NS_CODES.has(err.code) ? AWS_FAULT_NS : (model?.metadata.xmlNamespace ?? AWS_FAULT_NS);
    let fields = '';
    const modeled = model === undefined ? undefined : errorShapeOf(model, err.code);
    for (const [k, v] of Object.entries(err.fields)) {
      if (v === undefined || v === null || k === 'Type' || k === 'Code' || k === 'Message') continue;
      const m = modeled === undefined || model === undefined ? undefined : membersOf(model, modeled.name, modeled.shape).find((p) => p.name === k);
      fields += m === undefined || model === undefined ? textElement(k, String(v)) : writeValue(model, m.xmlName, m.ref, m.shape, v, m.flattened);
    }
    const message = err.message === '' ? '' : textElement('Message', err.message);
    const body =
      `<ErrorResponse xmlns="${ns}"><Error><Type>${err.fault === 'server' ? 'Receiver' : 'Sender'}</Type>` +
      `${textElement('Code', err.code)}${message}${fields}</Error><RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`;
    return xmlResponse(err.httpStatus, body, requestId);
  },
};
