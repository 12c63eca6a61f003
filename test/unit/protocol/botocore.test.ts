/**
 * Cross-check with botocore (the AWS CLI's engine), when python3 with botocore is installed:
 * requests botocore serializes decode to their params, and botocore's parsers read back every
 * output and error the codecs emit. Cases: test/protocol/botocore-cases.json.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { ProtocolError } from '../../../src/core/errors.js';
import type { ServiceModel } from '../../../src/model/types.js';
import type { HttpRequest, ProtocolCodec } from '../../../src/protocol/codec.js';
import { codecFor } from '../../../src/protocol/codecs.js';
import { loadModel, modelPath, protocolData, REPO_ROOT, revive } from './helpers.js';

interface Target { service?: string; model?: string }
interface Cases {
  requests: (Target & { operation: string; params: unknown })[];
  responses: (Target & { operation: string; output: unknown })[];
  errors: { service: string; code: string; message: string; status: number }[];
}
interface Parsed { ResponseMetadata: { RequestId: string; HTTPStatusCode: number }; Error?: { Code: string; Message?: string }; [k: string]: unknown }

const cases = protocolData<Cases>('botocore-cases.json');
const botocore = spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0;

function target(t: Target): { path: string; model: ServiceModel; codec: ProtocolCodec } {
  const path = t.model !== undefined ? `${REPO_ROOT}test/protocol/${t.model}` : modelPath(t.service ?? '');
  const model = t.model !== undefined ? protocolData<ServiceModel>(t.model) : loadModel(t.service ?? '');
  const codec = codecFor(model.metadata.protocol);
  assert.ok(codec !== undefined);
  return { path, model, codec };
}

/** Runs every case through botocore in one python process. */
function runBotocore(): { serialized: { body: string; headers: Record<string, string> }[]; parsed: Parsed[]; parsedErrors: Parsed[] } {
  const jobs: unknown[] = [];
  for (const c of cases.requests) jobs.push({ model: target(c).path, operation: c.operation, kind: 'serialize', params: c.params });
  for (const c of cases.responses) {
    const { path, model, codec } = target(c);
    const res = codec.encodeOutput(model, c.operation, revive(c.output), 'rid');
    jobs.push({ model: path, operation: c.operation, kind: 'parse', status: res.status, headers: res.headers, body: res.body });
  }
  for (const c of cases.errors) {
    const { path, model, codec } = target(c);
    const res = codec.encodeError(model, new ProtocolError(c.code, c.message, c.status), 'rid');
    jobs.push({ model: path, operation: Object.keys(model.operations)[0], kind: 'parse', status: res.status, headers: res.headers, body: res.body });
  }
  const run = spawnSync('python3', [`${REPO_ROOT}test/protocol/botocore_harness.py`], { input: JSON.stringify({ jobs }), encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, run.stderr);
  const results = JSON.parse(run.stdout) as unknown[];
  const n = cases.requests.length;
  const m = cases.responses.length;
  return {
    serialized: results.slice(0, n) as { body: string; headers: Record<string, string> }[],
    parsed: results.slice(n, n + m) as Parsed[],
    parsedErrors: results.slice(n + m) as Parsed[],
  };
}

describe('botocore cross-check', { skip: botocore ? false : 'python3 with botocore is not installed' }, () => {
  const results = botocore ? runBotocore() : { serialized: [], parsed: [], parsedErrors: [] };

  cases.requests.forEach((c, i) => {
    it(`decodes botocore's ${c.service ?? c.model} ${c.operation} request`, () => {
      const { model, codec } = target(c);
      const sent = results.serialized[i];
      assert.ok(sent !== undefined);
      const headers = Object.fromEntries(Object.entries(sent.headers).map(([k, v]) => [k.toLowerCase(), v]));
      const req: HttpRequest = { method: 'POST', rawPath: '/', rawQuery: '', headers, body: new TextEncoder().encode(sent.body) };
      assert.equal(codec.operationName(model, req), c.operation);
      assert.deepEqual(codec.decode(model, c.operation, req), revive(c.params));
    });
  });

  cases.responses.forEach((c, i) => {
    it(`botocore reads the ${c.service ?? c.model} ${c.operation} output back`, () => {
      const { ResponseMetadata, ...parsed } = results.parsed[i] ?? assert.fail('no result');
      assert.deepEqual(ResponseMetadata, { RequestId: 'rid', HTTPStatusCode: 200 });
      assert.deepEqual(revive(parsed), revive(c.output));
    });
  });

  cases.errors.forEach((c, i) => {
    it(`botocore reads the ${c.service} ${c.code} error back`, () => {
      const parsed = results.parsedErrors[i] ?? assert.fail('no result');
      assert.deepEqual(parsed.ResponseMetadata, { RequestId: 'rid', HTTPStatusCode: c.status });
      assert.equal(parsed.Error?.Code, c.code);
      assert.equal(parsed.Error?.Message ?? '', c.message);
    });
  });
});
