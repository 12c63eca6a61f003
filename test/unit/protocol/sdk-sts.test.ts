/**
 * The real AWS SDK v3 STS client against a tiny node:http server that answers through the query
 * codec: what the SDK sends decodes to its input, and what the codec emits the SDK reads back
 * into the right objects and error classes.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import {
  AssumeRoleCommand, GetCallerIdentityCommand, MalformedPolicyDocumentException, STSClient, STSServiceException,
} from '@aws-sdk/client-sts';
import { AwsError, ServerFault, type Fault } from '../../../src/core/errors.js';
import type { HttpRequest, HttpResponse } from '../../../src/protocol/codec.js';
import { queryCodec } from '../../../src/protocol/query.js';
import { loadModel } from './helpers.js';

const sts = loadModel('sts');

class MalformedPolicyDocument extends AwsError { readonly code = 'MalformedPolicyDocument'; }
class InternalFailure extends ServerFault { readonly code = 'InternalFailure'; }

/** What the handler under test answers; the codec renders it. */
let answer: (op: string, input: Record<string, unknown>) => unknown = () => ({});
let seen: { op: string; input: Record<string, unknown> } | undefined;
let requestCount = 0;

function handle(req: HttpRequest, requestId: string): HttpResponse {
  try {
    const op = queryCodec.operationName(sts, req);
    const input = queryCodec.decode(sts, op, req);
    seen = { op, input };
    return queryCodec.encodeOutput(sts, op, answer(op, input), requestId);
  } catch (e) {
    if (e instanceof AwsError) return queryCodec.encodeError(sts, e, requestId);
    throw e;
  }
}

let server: Server;
let client: STSClient;

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requestCount++;
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const out = handle({
        method: req.method ?? 'GET', rawPath: q === -1 ? url : url.slice(0, q), rawQuery: q === -1 ? '' : url.slice(q + 1),
        headers: req.headers, body: Buffer.concat(chunks),
      }, `req-${requestCount}`);
      res.writeHead(out.status, out.headers).end(out.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new STSClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    maxAttempts: 1,
  });
});

after(() => {
  client.destroy();
  server.close();
});

describe('AWS SDK v3 STS client through the query codec', () => {
  it('GetCallerIdentity: the SDK reads every member and the request id', async () => {
    answer = () => ({ UserId: 'AIDAEXAMPLE', Account: '111122223333', Arn: 'arn:aws:iam::111122223333:user/alice & co' });
    const out = await client.send(new GetCallerIdentityCommand({}));
    assert.deepEqual(seen, { op: 'GetCallerIdentity', input: {} });
    assert.equal(out.UserId, 'AIDAEXAMPLE');
    assert.equal(out.Account, '111122223333');
    assert.equal(out.Arn, 'arn:aws:iam::111122223333:user/alice & co');
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(out.$metadata.requestId, `req-${requestCount}`);
  });

  it('AssumeRole: the SDK\'s lists of structures and strings decode to its input; the output reads back', async () => {
    const expiration = new Date('2030-07-15T23:28:33.359Z');
    answer = () => ({
      Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'secret/+=', SessionToken: 'token<>&"\'', Expiration: expiration },
      AssumedRoleUser: { AssumedRoleId: 'AROAEXAMPLE:sess', Arn: 'arn:aws:sts::111122223333:assumed-role/demo/sess' },
      PackedPolicySize: 12,
      SourceIdentity: 'src',
    });
    const input = {
      RoleArn: 'arn:aws:iam::111122223333:role/demo', RoleSessionName: 'sess', DurationSeconds: 3600,
      PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }, { arn: 'arn:aws:iam::111122223333:policy/p' }],
      Tags: [{ Key: 'team', Value: 'a b&c' }, { Key: 'cost', Value: 'ü' }], TransitiveTagKeys: ['team'],
      Policy: '{"Version":"2012-10-17","Statement":[]}', ExternalId: 'ext', SourceIdentity: 'src',
      ProvidedContexts: [{ ProviderArn: 'arn:aws:iam::aws:contextProvider/IdentityCenter', ContextAssertion: 'abc' }],
    };
    const out = await client.send(new AssumeRoleCommand(input));
    assert.deepEqual(seen, { op: 'AssumeRole', input });
    assert.deepEqual(out.Credentials, { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'secret/+=', SessionToken: 'token<>&"\'', Expiration: expiration });
    assert.deepEqual(out.AssumedRoleUser, { AssumedRoleId: 'AROAEXAMPLE:sess', Arn: 'arn:aws:sts::111122223333:assumed-role/demo/sess' });
    assert.equal(out.PackedPolicySize, 12);
    assert.equal(out.SourceIdentity, 'src');
  });

  it('AssumeRole with empty lists: the SDK sends `Name=` and it decodes to []', async () => {
    answer = () => ({});
    await client.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::1:role/r', RoleSessionName: 's', Tags: [], PolicyArns: [] }));
    assert.deepEqual(seen?.input, { RoleArn: 'arn:aws:iam::1:role/r', RoleSessionName: 's', Tags: [], PolicyArns: [] });
  });

  it('a modeled error becomes the SDK\'s own exception class with message, status, fault and request id', async () => {
    answer = () => { throw new MalformedPolicyDocument('Syntax errors in policy.'); };
    await assert.rejects(client.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::1:role/r', RoleSessionName: 's' })), (e: unknown) => {
      assert.ok(e instanceof MalformedPolicyDocumentException, String(e));
      assert.equal(e.name, 'MalformedPolicyDocumentException');
      assert.equal(e.message, 'Syntax errors in policy.');
      assert.equal(e.$fault, 'client');
      assert.equal(e.$metadata.httpStatusCode, 400);
      assert.equal(e.$metadata.requestId, `req-${requestCount}`);
      return true;
    });
  });

  const unmodeled: [string, AwsError, number, Fault][] = [
    ['an unmodeled client error', new (class extends AwsError { readonly code = 'AccessDenied'; override readonly httpStatus = 403; })('User: x is not authorized to perform: sts:AssumeRole'), 403, 'client'],
    ['a server fault', new InternalFailure('We encountered an internal error. Please try again.'), 500, 'server'],
  ];
  for (const [what, err, status, fault] of unmodeled) {
    it(`${what} becomes an STSServiceException named after the code`, async () => {
      answer = () => { throw err; };
      await assert.rejects(client.send(new GetCallerIdentityCommand({})), (e: unknown) => {
        assert.ok(e instanceof STSServiceException, String(e));
        assert.equal(e.name, err.code);
        assert.equal(e.message, err.message);
        assert.equal(e.$fault, fault);
        assert.equal(e.$metadata.httpStatusCode, status);
        assert.equal(e.$metadata.requestId, `req-${requestCount}`);
        return true;
      });
    });
  }
});
