/** The data-driven awsQuery cases in test/protocol/query-cases.json. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProtocolError } from '../../../src/core/errors.js';
import type { ServiceModel } from '../../../src/model/types.js';
import { queryCodec } from '../../../src/protocol/query.js';
import { protocolData, queryRequest, revive } from './helpers.js';

interface Cases {
  model: string;
  inputs: { id: string; operation: string; body: string; input: unknown }[];
  inputErrors: { id: string; operation: string; body: string; code: string; message: string }[];
  outputs: { id: string; operation: string; output: unknown; body: string }[];
}

const cases = protocolData<Cases>('query-cases.json');
const model = protocolData<ServiceModel>(cases.model);
const request = (op: string, body: string) => queryRequest(`Action=${op}&Version=${model.metadata.apiVersion}&${body}`);

describe('awsQuery data cases: decode', () => {
  for (const c of cases.inputs) {
    it(c.id, () => {
      const req = request(c.operation, c.body);
      assert.equal(queryCodec.operationName(model, req), c.operation);
      assert.deepEqual(queryCodec.decode(model, c.operation, req), revive(c.input));
    });
  }
  for (const c of cases.inputErrors) {
    it(`refuses ${c.id}`, () => {
      assert.throws(() => queryCodec.decode(model, c.operation, request(c.operation, c.body)),
        (e: unknown) => e instanceof ProtocolError && e.code === c.code && e.message === c.message && e.httpStatus === 400);
    });
  }
});

describe('awsQuery data cases: encodeOutput', () => {
  for (const c of cases.outputs) {
    it(c.id, () => {
      assert.equal(queryCodec.encodeOutput(model, c.operation, revive(c.output), 'rid').body, c.body);
    });
  }
});
