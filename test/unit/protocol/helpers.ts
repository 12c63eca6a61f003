/** Shared by the protocol codec tests. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { ServiceModel } from '../../../src/model/types.js';
import type { HttpRequest } from '../../../src/protocol/codec.js';

// Compiled to dist/test/unit/protocol/: the repository root is four levels up.
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const ROOTS = [`${REPO_ROOT}models`, '/work/shared/aws-models'];
const cache = new Map<string, ServiceModel>();

/** The botocore model file of `service`: the project's vendored copy (models/) if present, else the shared one. */
export function modelPath(service: string): string {
  for (const root of ROOTS) {
    const dir = `${root}/${service}`;
    if (!existsSync(dir)) continue;
    const version = readdirSync(dir).sort().at(-1);
    const file = `${dir}/${version}/service-2.json.gz`;
    if (version !== undefined && existsSync(file)) return file;
  }
  throw new Error(`no botocore model for ${service}`);
}

export function loadModel(service: string): ServiceModel {
  let model = cache.get(service);
  if (model === undefined) {
    model = JSON.parse(gunzipSync(readFileSync(modelPath(service))).toString('utf8')) as ServiceModel;
    cache.set(service, model);
  }
  return model;
}

/** An awsJson request: POST / with the target header. */
export function jsonRequest(target: string | undefined, body: string | object, extra: Record<string, string> = {}): HttpRequest {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1', ...extra };
  if (target !== undefined) headers['x-amz-target'] = target;
  return { method: 'POST', rawPath: '/', rawQuery: '', headers, body: new TextEncoder().encode(text) };
}

/** An awsQuery request: POST / with a form body, or GET with the parameters in the query string. */
export function queryRequest(params: string, method: 'POST' | 'GET' = 'POST'): HttpRequest {
  return method === 'POST'
    ? { method, rawPath: '/', rawQuery: '', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body: new TextEncoder().encode(params) }
    : { method, rawPath: '/', rawQuery: params, headers: {}, body: new Uint8Array(0) };
}

export const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A JSON data file in test/protocol/. */
export function protocolData<T>(file: string): T {
  return JSON.parse(readFileSync(`${REPO_ROOT}test/protocol/${file}`, 'utf8')) as T;
}

/** Test data values: {"$blob": base64} → Uint8Array, {"$date": ISO or epoch ms} → Date, {"$number": "NaN"} → NaN. */
export function revive(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(revive);
  if (typeof v !== 'object' || v === null) return v;
  const o = v as Record<string, unknown>;
  if (typeof o['$blob'] === 'string') return new Uint8Array(Buffer.from(o['$blob'], 'base64'));
  if (typeof o['$date'] === 'string' || typeof o['$date'] === 'number') return new Date(o['$date']);
  if (typeof o['$number'] === 'string') return Number(o['$number']);
  return Object.fromEntries(Object.entries(o).map(([k, e]) => [k, revive(e)]));
}
