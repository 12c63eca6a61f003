import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import { spawnWarden, tempDir, TEST_CREDENTIALS } from '../../harness.js';

const client = (url: string) => new STSClient({ endpoint: url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });

async function eventsFound(dataDir: string, requestIds: readonly string[]): Promise<number> {
  const store = openSqliteStore({ dataDir });
  try {
    let found = 0;
    for (const requestId of requestIds) {
      if ((await store.audit.query({ requestId, limit: 1 })).length === 1) found++;
    }
    return found;
  } finally {
    await store.close();
  }
}

describe('warden start (process)', () => {
  it('prints its banner, serves, and shuts down cleanly on SIGTERM with state on disk', async () => {
    const dir = tempDir();
    try {
      const w = await spawnWarden(['--data-dir', dir.path]);
      assert.match(w.output(), /profile: development/);
      assert.match(w.output(), /AWS_ACCESS_KEY_ID=test/);
      const out = await client(w.url).send(new GetCallerIdentityCommand({}));
      assert.equal(await w.stop(), 0);
      assert.equal(await eventsFound(dir.path, [out.$metadata.requestId!]), 1);
      // the same data dir opens again with the root key generated the first time
      const again = await spawnWarden(['--data-dir', dir.path]);
      await client(again.url).send(new GetCallerIdentityCommand({}));
      assert.equal(await again.stop(), 0);
    } finally {
      dir.remove();
    }
  });

  it('loses no acknowledged audit event when killed with SIGKILL under load', async () => {
    const dir = tempDir();
    try {
      const w = await spawnWarden(['--data-dir', dir.path]);
      const sts = client(w.url);
      const acknowledged: string[] = [];
      let killed = false;
      const worker = async () => {
        while (!killed) {
          try {
            const out = await sts.send(new GetCallerIdentityCommand({}));
            acknowledged.push(out.$metadata.requestId!);
          } catch {
            return; // the connection died with the process
          }
        }
      };
      const workers = Array.from({ length: 16 }, worker);
      // Kill mid-stream once enough answers came back (a loaded machine takes longer to get there).
      const deadline = Date.now() + 30_000;
      while (acknowledged.length < 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      w.proc.kill('SIGKILL');
      killed = true;
      await Promise.all(workers);
      await w.stop();
      assert.ok(acknowledged.length > 50, `only ${acknowledged.length} requests were answered before the kill`);
      assert.equal(await eventsFound(dir.path, acknowledged), acknowledged.length);
    } finally {
      dir.remove();
    }
  });
});
