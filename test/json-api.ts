import assert from 'node:assert/strict';
import type { Running } from './harness.js';
import { signedFetch } from './signing.js';

export type Creds = { accessKeyId: string; secretAccessKey: string };

export interface Answer {
  status: number;
  body: any;
  requestId: string;
}

/**
 * Raw SigV4-signed awsJson1_1 calls to one service, for requests no SDK would send (and for
 * services whose SDK client the tests do not pin): `call` answers whatever came back, `ok`
 * expects 200, `fails` expects 400 with the given code and message.
 */
export function jsonApi(service: string, targetPrefix: string) {
  const call = async (w: Running, op: string, input: object, credentials?: Creds, region?: string): Promise<Answer> => {
    const res = await signedFetch(w.url, {
      service,
      body: JSON.stringify(input),
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${targetPrefix}.${op}` },
      ...(credentials !== undefined ? { credentials } : {}),
      ...(region !== undefined ? { region } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text.length > 0 ? JSON.parse(text) : {}, requestId: res.headers.get('x-amzn-requestid') ?? '' };
  };
  const ok = async (w: Running, op: string, input: object, credentials?: Creds, region?: string): Promise<any> => {
    const a = await call(w, op, input, credentials, region);
    assert.equal(a.status, 200, `${op}: ${JSON.stringify(a.body)}`);
    return a.body;
  };
  const fails = async (w: Running, op: string, input: object, code: string, message?: string | RegExp, credentials?: Creds): Promise<Answer> => {
    const a = await call(w, op, input, credentials);
    assert.equal(a.status, 400, JSON.stringify(a.body));
    assert.match(String(a.body.__type), new RegExp(`${code}$`));
    const msg = a.body.message ?? a.body.Message;
    if (typeof message === 'string') assert.equal(msg, message);
    else if (message instanceof RegExp) assert.match(msg, message);
    return a;
  };
  return { call, ok, fails };
}
