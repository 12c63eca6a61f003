import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, GetAccessKeyInfoCommand, STSClient } from '@aws-sdk/client-sts';
import { CredentialResolver } from '../../../src/auth/credentials.js';
import { parseConfig } from '../../../src/config/config.js';
import { systemClock } from '../../../src/core/clock.js';
import { silentLogger } from '../../../src/core/log.js';
import { defineOperation, type ServiceDefinition } from '../../../src/core/operation.js';
import { Barrier } from '../../../src/crypto/barrier.js';
import { createEngineAuthorizer } from '../../../src/iam/engine.js';
import { Pipeline } from '../../../src/pipeline/pipeline.js';
import { startServer, type RunningServer } from '../../../src/server/server.js';
import { AccessDenied, InternalFailure } from '../../../src/services/sts/errors.js';
import { model, ExpiredTokenException } from '../../../src/services/sts/model.gen.js';
import { createMemoryStore } from '../../../src/store/memory.js';
import type { Store } from '../../../src/store/store.js';
import { randomBytes } from 'node:crypto';

/** A service on STS's model whose operations misbehave on purpose. */
const faulty: ServiceDefinition = {
  name: 'sts',
  model,
  eventSource: 'sts.amazonaws.com',
  global: false,
  accessDenied: (m) => new AccessDenied(m),
  internalFailure: (m) => new InternalFailure(m),
  loadOperations: async () => ({
    // forgets to authorize
    GetCallerIdentity: defineOperation({ name: 'GetCallerIdentity', actions: [], readOnly: true, handler: async () => ({}) }),
    // authorizes an action it did not declare
    GetAccessKeyInfo: defineOperation({
      name: 'GetAccessKeyInfo',
      actions: ['sts:GetAccessKeyInfo'],
      readOnly: true,
      async handler(_i, ctx) {
        await ctx.authorize({ action: 'sts:AssumeRole', resource: '*' });
        return {};
      },
    }),
    // writes, then fails: nothing may stay
    GetSessionToken: defineOperation({
      name: 'GetSessionToken',
      actions: ['sts:GetSessionToken'],
      readOnly: false,
      async handler(_i, ctx) {
        await ctx.authorize({ action: 'sts:GetSessionToken', resource: '*' });
        ctx.tx.put('sts/000000000000/global/probe/x', Buffer.from('half-written'));
        throw new ExpiredTokenException('The security token included in the request is expired');
      },
    }),
    // acts on another account's resource: root of this account is denied
    AssumeRole: defineOperation({
      name: 'AssumeRole',
      actions: ['sts:AssumeRole'],
      readOnly: false,
      async handler(input: { RoleArn: string }, ctx) {
        await ctx.authorize({ action: 'sts:AssumeRole', resource: input.RoleArn });
        return {};
      },
    }),
  }),
};

describe('pipeline', () => {
  let store: Store;
  let server: RunningServer;
  let sts: STSClient;
  before(async () => {
    const config = parseConfig(['--port', '0', '--host', '127.0.0.1', '--in-memory'], {});
    store = createMemoryStore();
    const barrier = await Barrier.open(store, randomBytes(32));
    const pipeline = new Pipeline({
      config,
      store,
      services: [faulty],
      credentials: new CredentialResolver('development', config.accountId, barrier),
      authorizer: createEngineAuthorizer(),
      clock: systemClock,
      log: silentLogger,
      barrier,
    });
    server = await startServer({ config, pipeline, store, services: ['sts'], log: silentLogger });
    sts = new STSClient({ endpoint: `http://127.0.0.1:${server.port}`, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
  });
  after(async () => {
    await server.close();
    await store.close();
  });

  const failure = (p: Promise<unknown>) => p.then(() => assert.fail('expected an error'), (e: any) => e);
  const event = async (requestId: string) => {
    await store.audit.flush();
    const [rec] = await store.audit.query({ requestId, limit: 1 });
    return JSON.parse(rec!.json);
  };

  it('fails closed when a handler returns without authorizing', async () => {
    const err = await failure(sts.send(new GetCallerIdentityCommand({})));
    assert.equal(err.name, 'InternalFailure');
    assert.equal(err.$metadata.httpStatusCode, 500);
    assert.equal((await event(err.$metadata.requestId)).errorCode, 'InternalFailure');
  });

  it('fails closed when a handler authorizes an action it did not declare', async () => {
    const err = await failure(sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' })));
    assert.equal(err.name, 'InternalFailure');
  });

  it('commits nothing when the handler fails after writing, and audits the error', async () => {
    const err = await failure(sts.send(new GetSessionTokenCommand({})));
    assert.equal(err.name, 'ExpiredTokenException');
    assert.equal(err.message, 'The security token included in the request is expired');
    assert.equal(await store.read((tx) => tx.get('sts/000000000000/global/probe/x')), undefined);
    const ev = await event(err.$metadata.requestId);
    assert.equal(ev.errorCode, 'ExpiredTokenException');
    assert.deepEqual(ev.additionalEventData.warden.authorization.map((d: any) => d.allowed), [true]);
  });

  it('denies root acting on another account with AWS AccessDenied and records why', async () => {
    const RoleArn = 'arn:aws:iam::111122223333:role/Other';
    const err = await failure(sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: 's1' })));
    assert.equal(err.name, 'AccessDenied');
    assert.equal(err.$metadata.httpStatusCode, 403);
    // A role's trust policy must allow assuming it; AWS names it in the message (IAM UG,
    // troubleshoot_access-denied: "because no role trust policy allows the sts:AssumeRole action").
    assert.equal(err.message, `User: arn:aws:iam::000000000000:root is not authorized to perform: sts:AssumeRole on resource: ${RoleArn} because no role trust policy allows the sts:AssumeRole action`);
    const ev = await event(err.$metadata.requestId);
    assert.equal(ev.errorCode, 'AccessDenied');
    assert.equal(ev.requestParameters.roleArn, RoleArn);
    assert.equal(ev.additionalEventData.warden.authorization[0].allowed, false);
  });

  it('rejects invalid input with the model validator before the handler runs', async () => {
    const err = await failure(sts.send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::000000000000:role/x', RoleSessionName: 'a' })));
    assert.equal(err.name, 'ValidationError');
    assert.match(err.message, /^1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2$/);
  });
});
