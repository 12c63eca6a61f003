/**
 * awsJson1_0 / awsJson1_1: `POST /`, `X-Amz-Target: <targetPrefix>.<Operation>`, JSON bodies.
 * The two versions differ here only in the Content-Type (`metadata.jsonVersion`).
 * https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html
 *
 * Framework errors follow what AWS's Coral framework answers, as measured against real Athena
 * (awsJson1_1) in 2026 by athena-local (docs/measurements/errors.md, src/request.rs; read for
 * behaviour only): an unparsable body is `{"__type":"SerializationException"}` with no message;
 * a missing/unknown/other-service/lower-case target is `{"__type":"UnknownOperationException"}`;
 * a value of the wrong JSON type is a SerializationException whose message names the JSON token
 * and the target type; `null` members count as absent; a fraction sent for an integer is truncated.
 */
import { ProtocolError, type AwsError } from '../core/errors.js';
import type { MemberRef, ServiceModel, Shape, StructureShape } from '../model/types.js';
import { header, REQUEST_ID_HEADER, type HttpRequest, type HttpResponse, type ProtocolCodec } from './codec.js';
import { errorShapeOf, membersOf, setEntry, shapeOf, structureOf } from './shapes.js';
import { base64Problem, decodeBase64, encodeBase64, formatTimestamp, parseTimestamp, type TimestampFormat } from './values.js';

const LIST_FOUND = 'Start of list found where not expected';
const MAP_FOUND = 'Start of structure or map found where not expected.';
// Coral's name for each target type in "… can not be converted to <T>". Integer and String are
// measured (athena-local); the others follow the same pattern. // unverified: Long, Float, Double, Boolean, Blob, Date
const TYPE_NAME: Readonly<Record<string, string>> = {
  string: 'a String', integer: 'an Integer', long: 'a Long', float: 'a Float', double: 'a Double',
  bigdecimal: 'a BigDecimal', biginteger: 'a BigInteger', boolean: 'a Boolean', blob: 'a Blob', timestamp: 'a Date',
};
// The message member of framework errors no model declares. SerializationException: `Message`
// (athena-local; kinesalite/dynalite record the same for Kinesis and DynamoDB).
const FRAMEWORK_MESSAGE_KEY: Readonly<Record<string, string>> = { SerializationException: 'Message' };

/**
 * botocore sends the model's full targetPrefix (`com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`);
 * the Smithy-based SDK v3 sends the service shape's name only (`CloudTrail_20131101`), seen with
 * @aws-sdk/client-cloudtrail 3.1136. Both reach the same service.
 */
export function targetPrefixMatches(prefix: string, sent: string): boolean {
  return sent === prefix || (prefix.endsWith(`.${sent}`) && sent.length > 0);
}

const serialization = (message = '') => new ProtocolError('SerializationException', message);
const unknownOperation = () => new ProtocolError('UnknownOperationException', '');

function mismatch(v: unknown, type: string): ProtocolError {
  if (Array.isArray(v)) return serialization(LIST_FOUND);
  if (typeof v === 'object') return serialization(MAP_FOUND);
  const token = typeof v === 'string' ? 'STRING_VALUE' : typeof v === 'number' ? 'NUMBER_VALUE' : v ? 'TRUE_VALUE' : 'FALSE_VALUE';
  return serialization(`${token} can not be converted to ${TYPE_NAME[type] ?? type}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const tsFormat = (ref: MemberRef, shape: Shape): TimestampFormat =>
  (ref.timestampFormat ?? (shape.type === 'timestamp' ? shape.timestampFormat : undefined) ?? 'unixTimestamp') as TimestampFormat;

function decodeStruct(model: ServiceModel, name: string, shape: StructureShape, obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of membersOf(model, name, shape)) {
    const v = obj[m.wire];
    if (v !== undefined && v !== null) out[m.name] = decodeValue(model, m.ref, m.shape, v);
  }
  return out;
}

function decodeValue(model: ServiceModel, ref: MemberRef, shape: Shape, v: unknown): unknown {
  switch (shape.type) {
    case 'string':
      if (typeof v === 'string') return v;
      break;
    case 'boolean':
      if (typeof v === 'boolean') return v;
      break;
    case 'integer': case 'long': case 'biginteger':
      if (typeof v === 'number') return Math.trunc(v);
      break;
    case 'float': case 'double': case 'bigdecimal':
      if (typeof v === 'number') return v;
      // Smithy's JSON protocols carry non-finite floats as strings.
      if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
      break;
    case 'blob':
      if (typeof v === 'string') {
        const problem = base64Problem(v);
        // A sensitive blob (KMS Plaintext) is not echoed: the message reaches the audit log.
        if (problem !== undefined) throw serialization(`'${shape.sensitive ? '***' : v}' can not be converted to a Blob: ${problem}`); // Differs from AWS: sensitive values are masked
        return decodeBase64(v);
      }
      break;
    case 'timestamp': {
      const format = tsFormat(ref, shape);
      if (format === 'unixTimestamp' ? typeof v === 'number' : typeof v === 'string') {
        const d = typeof v === 'number' ? new Date(v * 1000) : parseTimestamp(v as string, format);
        if (d !== undefined && !Number.isNaN(d.getTime())) return d;
      }
      break;
    }
    case 'list':
      if (Array.isArray(v)) {
        const item = shapeOf(model, shape.member);
        const out: unknown[] = [];
        for (const e of v) if (e !== null) out.push(decodeValue(model, shape.member, item, e));
        return out;
      }
      throw serialization(isObject(v) ? MAP_FOUND : 'Expected list or null');
    case 'map':
      if (isObject(v)) {
        const value = shapeOf(model, shape.value);
        const out: Record<string, unknown> = {};
        for (const k in v) if (v[k] !== null) setEntry(out, k, decodeValue(model, shape.value, value, v[k]));
        return out;
      }
      throw serialization(Array.isArray(v) ? LIST_FOUND : 'Expected map or null');
    case 'structure':
      if (shape.document === true) return v;
      if (isObject(v)) return decodeStruct(model, ref.shape, shape, v);
      throw serialization(Array.isArray(v) ? LIST_FOUND : 'Expected null');
  }
  throw mismatch(v, shape.type);
}

function encodeStruct(model: ServiceModel, name: string, shape: StructureShape, obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of membersOf(model, name, shape)) {
    const v = obj[m.name];
    if (v !== undefined && v !== null) out[m.wire] = encodeValue(model, m.ref, m.shape, v);
  }
  return out;
}

function encodeValue(model: ServiceModel, ref: MemberRef, shape: Shape, v: unknown): unknown {
  switch (shape.type) {
    case 'blob':
      return encodeBase64(v);
    case 'timestamp':
      return formatTimestamp(v, tsFormat(ref, shape));
    case 'float': case 'double': case 'bigdecimal':
      return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
    case 'list': {
      const item = shapeOf(model, shape.member);
      return (v as unknown[]).map((e) => encodeValue(model, shape.member, item, e));
    }
    case 'map': {
      const value = shapeOf(model, shape.value);
      const out: Record<string, unknown> = {};
      for (const [k, e] of Object.entries(v as Record<string, unknown>)) {
        if (e !== undefined && e !== null) setEntry(out, k, encodeValue(model, shape.value, value, e));
      }
      return out;
    }
    case 'structure':
      return shape.document === true ? v : encodeStruct(model, ref.shape, shape, v as Record<string, unknown>);
    default:
      return v;
  }
}

const contentType = (model: ServiceModel | undefined) => `application/x-amz-json-${model?.metadata.jsonVersion ?? '1.1'}`;

function response(model: ServiceModel | undefined, status: number, body: string, requestId: string): HttpResponse {
  return { status, headers: { 'Content-Type': contentType(model), [REQUEST_ID_HEADER]: requestId }, body };
}

export const jsonCodec: ProtocolCodec = {
  protocol: 'json',
  validationErrorCode: 'ValidationException',

  operationName(model: ServiceModel, req: HttpRequest): string {
    const target = header(req, 'x-amz-target');
    const prefix = model.metadata.targetPrefix;
    const dot = target?.lastIndexOf('.') ?? -1;
    if (target !== undefined && prefix !== undefined && dot > 0 && targetPrefixMatches(prefix, target.slice(0, dot))) {
      const op = target.slice(dot + 1);
      if (Object.hasOwn(model.operations, op)) return op;
    }
    throw unknownOperation();
  },

  decode(model: ServiceModel, operation: string, req: HttpRequest): Record<string, unknown> {
    const op = model.operations[operation];
    if (op === undefined) throw unknownOperation();
    const { body } = req;
    // botocore and the SDKs send `{}` when there is no input; AWS refuses an empty body with a
    // SerializationException (athena-local, dynalite "should return 400 if no body"), but an
    // operation that takes no input has nothing to refuse.
    if (body.byteLength === 0) {
      if (op.input === undefined) return {};
      throw serialization();
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
    } catch {
      throw serialization();
    }
    if (!isObject(parsed)) throw serialization(Array.isArray(parsed) ? LIST_FOUND : '');
    return op.input === undefined ? {} : decodeStruct(model, op.input.shape, structureOf(model, op.input.shape), parsed);
  },

  encodeOutput(model: ServiceModel, operation: string, output: unknown, requestId: string): HttpResponse {
    const shapeName = model.operations[operation]?.output?.shape;
    const body = shapeName !== undefined && isObject(output) ? encodeStruct(model, shapeName, structureOf(model, shapeName), output) : {};
    return response(model, 200, JSON.stringify(body), requestId);
  },

  encodeError(model: ServiceModel | undefined, err: AwsError, requestId: string): HttpResponse {
    const modeled = model === undefined ? undefined : errorShapeOf(model, err.code);
    const members = modeled === undefined || model === undefined ? [] : membersOf(model, modeled.name, modeled.shape);
    // The message member the error shape declares (Secrets Manager: `Message`, KMS: `message`).
    const messageKey = members.find((m) => m.wire.toLowerCase() === 'message')?.wire ?? FRAMEWORK_MESSAGE_KEY[err.code] ?? 'message';
    const body: Record<string, unknown> = { __type: err.code };
    if (err.message !== '') body[messageKey] = err.message;
    for (const [k, v] of Object.entries(err.fields)) {
      if (v === undefined || v === null || Object.hasOwn(body, k)) continue;
      const m = members.find((p) => p.name === k);
      body[m?.wire ?? k] = m === undefined || model === undefined ? v : encodeValue(model, m.ref, m.shape, v);
    }
    return response(model, err.httpStatus, JSON.stringify(body), requestId);
  },
};
