import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { awsJson } from '../../cli.js';
import { startTestWarden, type Running } from '../../harness.js';

const run = promisify(execFile);

describe('sts GetCallerIdentity', () => {
  let w: Running;
  before(async () => {
    w = await startTestWarden();
  });
  after(() => w.stop());

  it('answers the development credentials as the root user of the default account', async () => {
    const out = await w.client(STSClient).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, '000000000000');
    assert.equal(out.Arn, 'arn:aws:iam::000000000000:root');
    assert.equal(out.UserId, '000000000000');
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.match(out.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
  });

  it('takes a 12-digit access key as the root of that account, marked unverified in the audit event', async () => {
    const sts = w.client(STSClient, { credentials: { accessKeyId: '111122223333', secretAccessKey: 'anything' } });
    const out = await sts.send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, '111122223333');
    assert.equal(out.Arn, 'arn:aws:iam::111122223333:root');
    const ev = await w.eventFor(out.$metadata.requestId!);
    assert.match(ev['additionalEventData'].warden.signature, /^unverified/);
    assert.equal(ev['recipientAccountId'], '111122223333');
  });

  it('leaves a CloudTrail event in AWS format', async () => {
    const out = await w.client(STSClient, { userAgent: [['warden-test', '1']] } as Record<string, unknown>).send(new GetCallerIdentityCommand({}));
    const ev = await w.eventFor(out.$metadata.requestId!);
    assert.equal(ev['eventVersion'], '1.11');
    assert.equal(ev['eventSource'], 'sts.amazonaws.com');
    assert.equal(ev['eventName'], 'GetCallerIdentity');
    assert.equal(ev['awsRegion'], 'us-east-1');
    assert.equal(ev['eventType'], 'AwsApiCall');
    assert.equal(ev['eventCategory'], 'Management');
    assert.equal(ev['managementEvent'], true);
    assert.equal(ev['readOnly'], true);
    assert.equal(ev['requestParameters'], null);
    assert.equal(ev['responseElements'], null);
    assert.equal(ev['requestID'], out.$metadata.requestId);
    assert.equal(ev['sourceIPAddress'], '127.0.0.1');
    assert.match(ev['userAgent'], /aws-sdk-js/);
    assert.match(ev['eventTime'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(ev['userIdentity'], {
      type: 'Root',
      principalId: '000000000000',
      arn: 'arn:aws:iam::000000000000:root',
      accountId: '000000000000',
      accessKeyId: 'test',
    });
    assert.equal(ev['errorCode'], undefined);
  });

  it('refuses a wrong secret with SignatureDoesNotMatch and audits the failure', async () => {
    const sts = w.client(STSClient, { credentials: { accessKeyId: 'test', secretAccessKey: 'wrong' } });
    const err = await sts.send(new GetCallerIdentityCommand({})).then(
      () => assert.fail('expected an error'),
      (e: any) => e,
    );
    assert.equal(err.name, 'SignatureDoesNotMatch');
    assert.equal(err.$metadata.httpStatusCode, 403);
    assert.match(err.message, /^The request signature we calculated does not match the signature you provided/);
    const ev = await w.eventFor(err.$metadata.requestId);
    assert.equal(ev['errorCode'], 'SignatureDoesNotMatch');
    assert.equal(ev['userIdentity'].type, 'Unknown');
    assert.equal(ev['userIdentity'].accessKeyId, 'test');
  });

  it('answers the aws CLI', async () => {
    assert.deepEqual(await awsJson(w.url, ['sts', 'get-caller-identity']), { UserId: '000000000000', Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root' });
    const ev = await w.lastEvent('GetCallerIdentity');
    assert.match(ev['userAgent'], /aws-cli/);
  });
});

describe('sts GetCallerIdentity in the secure profile', () => {
  let w: Running;
  before(async () => {
    w = await startTestWarden(['--secure'], {}, { WARDEN_ROOT_KEY: randomBytes(32).toString('base64') });
  });
  after(() => w.stop());

  it('rejects an access key Warden did not issue with InvalidClientTokenId', async () => {
    const err = await w.client(STSClient).send(new GetCallerIdentityCommand({})).then(
      () => assert.fail('expected an error'),
      (e: any) => e,
    );
    assert.equal(err.name, 'InvalidClientTokenId');
    assert.equal(err.message, 'The security token included in the request is invalid.');
    assert.equal(err.$metadata.httpStatusCode, 403);
    const ev = await w.eventFor(err.$metadata.requestId);
    assert.equal(ev['errorCode'], 'InvalidClientTokenId');
  });
});

describe('sts GetCallerIdentity with a key from warden init', () => {
  it('answers the root access key that init printed, and refuses it with a wrong secret', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'warden-init-'));
    const env = { WARDEN_ROOT_KEY: randomBytes(32).toString('hex') };
    try {
      const bin = new URL('../../../src/cli/warden.js', import.meta.url).pathname;
      const { stdout } = await run(process.execPath, [bin, 'init', '--data-dir', dir], { env: { ...process.env, ...env } });
      const id = /AWS_ACCESS_KEY_ID=(AKIA[A-Z2-7]{16})/.exec(stdout)![1]!;
      const secret = /AWS_SECRET_ACCESS_KEY=(\S{40})/.exec(stdout)![1]!;
      const w = await startTestWarden(['--secure', '--data-dir', dir, '--in-memory=false'], {}, env);
      try {
        const out = await w.client(STSClient, { credentials: { accessKeyId: id, secretAccessKey: secret } }).send(new GetCallerIdentityCommand({}));
        assert.equal(out.Arn, 'arn:aws:iam::000000000000:root');
        const err = await w.client(STSClient, { credentials: { accessKeyId: id, secretAccessKey: secret.slice(1) + 'x' } })
          .send(new GetCallerIdentityCommand({}))
          .then(() => assert.fail('expected an error'), (e: any) => e);
        assert.equal(err.name, 'SignatureDoesNotMatch');
      } finally {
        await w.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
