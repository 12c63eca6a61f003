import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startTestWarden, type Running } from '../../harness.js';
import { signedFetch } from '../../signing.js';

describe('warden server', () => {
  let w: Running;
  before(async () => {
    w = await startTestWarden(['--max-body-bytes', '4096']);
  });
  after(() => w.stop());

  it('reports its health', async () => {
    const res = await fetch(`${w.url}/_warden/health`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as Record<string, any>;
    assert.equal(body['status'], 'ok');
    assert.equal(body['version'], '0.1.0');
    assert.deepEqual(body['services'], ['sts', 'kms', 'iam', 'secretsmanager', 'cloudtrail', 'ssm', 's3', 's3control']);
    assert.deepEqual(body['store'], { kind: 'memory', location: ':memory:' });
    assert.equal(typeof body['uptimeSeconds'], 'number');
  });

  it('wipes state on /_warden/reset and /moto-api/reset', async () => {
    await w.client(STSClient).send(new GetCallerIdentityCommand({}));
    await w.warden.store.audit.flush();
    assert.ok((await w.warden.store.audit.query({ limit: 1 })).length > 0);
    for (const path of ['/_warden/reset', '/moto-api/reset']) {
      const res = await fetch(`${w.url}${path}`, { method: 'POST' });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { reset: true });
      assert.equal((await w.warden.store.audit.query({ limit: 1 })).length, 0);
    }
    // still serving, with the development credentials
    const out = await w.client(STSClient).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, '000000000000');
  });

  it('refuses a body over the limit with 413 in the protocol error shape and audits it', async () => {
    const res = await signedFetch(w.url, { service: 'sts', body: 'Action=GetCallerIdentity&Version=2011-06-15&Pad=' + 'x'.repeat(5000) });
    assert.equal(res.status, 413);
    const text = await res.text();
    assert.match(text, /<Code>RequestEntityTooLarge<\/Code>/);
    const requestId = /<RequestId>([^<]+)<\/RequestId>/.exec(text)![1]!;
    const ev = await w.eventFor(requestId);
    assert.equal(ev['errorCode'], 'RequestEntityTooLarge');
    assert.equal(ev['eventSource'], 'sts.amazonaws.com');
  });

  it('answers an unknown query Action with InvalidAction', async () => {
    const res = await signedFetch(w.url, { service: 'sts', body: 'Action=NoSuchThing&Version=2011-06-15' });
    assert.equal(res.status, 400);
    const text = await res.text();
    assert.match(text, /<Code>InvalidAction<\/Code>/);
    assert.match(text, /<Type>Sender<\/Type>/);
  });

  it('answers an operation Warden does not implement yet with NotImplemented, audited', async () => {
    const res = await signedFetch(w.url, { service: 'sts', body: 'Action=AssumeRoot&Version=2011-06-15&TargetPrincipal=111122223333' });
    assert.equal(res.status, 501);
    const text = await res.text();
    assert.match(text, /<Code>NotImplemented<\/Code>/);
    const ev = await w.eventFor(/<RequestId>([^<]+)</.exec(text)![1]!);
    assert.equal(ev['eventName'], 'AssumeRoot');
  });

  it('answers an unknown X-Amz-Target in the JSON error shape', async () => {
    const res = await signedFetch(w.url, {
      service: 'kms',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'NoSuchService_20990101.DoIt' },
      body: '{}',
    });
    assert.equal(res.status, 400);
    assert.ok(res.headers.get('x-amzn-requestid'));
    const body = (await res.json()) as Record<string, string>;
    assert.match(body['__type']!, /UnknownOperationException$/);
  });

  it('refuses an unsigned request with MissingAuthenticationToken', async () => {
    const res = await fetch(w.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    assert.equal(res.status, 403);
    assert.match(await res.text(), /<Code>MissingAuthenticationToken<\/Code>/);
  });

  it('keeps connections alive across requests', async () => {
    const agent = new (await import('node:http')).Agent({ keepAlive: true, maxSockets: 1 });
    const ports = new Set<number>();
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((ok, fail) => {
        const req = request(`${w.url}/_warden/health`, { agent }, (res) => {
          ports.add(res.socket.localPort!);
          res.resume();
          res.on('end', ok);
        });
        req.on('error', fail);
        req.end();
      });
    }
    agent.destroy();
    assert.equal(ports.size, 1);
  });
});
