import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeKeyCommand, EncryptCommand, GenerateRandomCommand } from '@aws-sdk/client-kms';
import { CreateSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createKey, useWarden } from './helpers.js';

const MESSAGE = 'You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.';
const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe('kms --kms-quota', () => {
  const t = useWarden(['--kms-quota', '5']);

  /** Sends `n` at once; the outcomes (the SDK client retries nothing: maxAttempts 1). */
  const burst = (n: number, send: () => Promise<unknown>) => Promise.allSettled(Array.from({ length: n }, send));

  it('throttles cryptographic requests over N per second with ThrottlingException, HTTP 400, audited', async () => {
    const k = await createKey(t.kms);
    await sleep(1100);
    const out = await burst(12, () => t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('x') })));
    const ok = out.filter((r) => r.status === 'fulfilled').length;
    const refused = out.flatMap((r) => (r.status === 'rejected' ? [r.reason as any] : []));
    assert.ok(ok >= 5 && ok <= 6, `${ok} succeeded`);
    assert.ok(refused.length >= 6);
    for (const e of refused) {
      assert.equal(e.name, 'ThrottlingException');
      assert.equal(e.message, MESSAGE);
      assert.equal(e.$metadata.httpStatusCode, 400);
    }
    const ev = await t.w.eventFor(refused[0].$metadata.requestId);
    assert.deepEqual([ev['eventName'], ev['errorCode'], ev['errorMessage']], ['Encrypt', 'ThrottlingException', MESSAGE]);
    // Management operations have their own quotas, which Warden does not enforce.
    await t.kms.send(new DescribeKeyCommand({ KeyId: k.KeyId }));
    // Another account has its own bucket.
    await t.other.send(new GenerateRandomCommand({ NumberOfBytes: 8 }));
    // A second later the bucket has filled again.
    await sleep(1100);
    await t.kms.send(new GenerateRandomCommand({ NumberOfBytes: 8 }));
  });

  it('counts calls other services make on the caller\'s behalf', async () => {
    const sm = t.w.client(SecretsManagerClient);
    await sleep(1100);
    await sm.send(new CreateSecretCommand({ Name: 'quota-secret', SecretString: 'v' }));
    const out = await burst(10, () => sm.send(new GetSecretValueCommand({ SecretId: 'quota-secret' })));
    assert.ok(out.some((r) => r.status === 'rejected'), 'some reads throttled');
    assert.ok(out.filter((r) => r.status === 'fulfilled').length <= 5);
  });
});
