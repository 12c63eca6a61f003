// `warden start --workers N`: several processes behind one port and one data dir behave as one
// Warden — a change made through one worker holds in every other at once (no stale cached
// credential), every answered request is audited, and SIGTERM stops them all.
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { describe, it } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { openSqliteStore } from '../../../src/store/sqlite.js';
import { spawnWarden, tempDir, TEST_CREDENTIALS } from '../../harness.js';

type Credentials = { accessKeyId: string; secretAccessKey: string };
/** A client that opens a new connection per request, so successive requests reach the workers in turn. */
const freshConnections = () => new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: false }) });
const sts = (url: string, credentials: Credentials) => new STSClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1, requestHandler: freshConnections() });

describe('warden start --workers 2', () => {
  it('serves as one Warden: changes through one worker hold in the other at once; all audited; SIGTERM stops both', async () => {
    const dir = tempDir();
    try {
      const w = await spawnWarden(['--data-dir', dir.path, '--workers', '2']);
      assert.match(w.output(), /workers: 2 processes/);
      const iam = new IAMClient({ endpoint: w.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1, requestHandler: freshConnections() });
      await iam.send(new CreateUserCommand({ UserName: 'worker-user' }));
      const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'worker-user' }));
      const user = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
      const requestIds: string[] = [];
      // Each call on a new connection: both workers resolve (and cache) the key.
      for (let i = 0; i < 6; i++) {
        const out = await sts(w.url, user).send(new GetCallerIdentityCommand({}));
        assert.equal(out.Arn, 'arn:aws:iam::000000000000:user/worker-user');
        requestIds.push(out.$metadata.requestId!);
      }
      await iam.send(new UpdateAccessKeyCommand({ UserName: 'worker-user', AccessKeyId: user.accessKeyId, Status: 'Inactive' }));
      for (let i = 0; i < 6; i++) {
        await assert.rejects(sts(w.url, user).send(new GetCallerIdentityCommand({})), (e: Error) => e.name === 'InvalidClientTokenId', `call ${i} after deactivation`);
      }
      assert.equal(await w.stop(), 0);
      const store = openSqliteStore({ dataDir: dir.path });
      try {
        for (const requestId of requestIds) assert.equal((await store.audit.query({ requestId, limit: 1 })).length, 1, `event of ${requestId}`);
        // The refused calls are audited too (as events that failed authentication).
        const all = await store.audit.query({ limit: 1000 });
        assert.equal(all.filter((r) => (JSON.parse(r.json) as { errorCode?: string }).errorCode === 'InvalidClientTokenId').length, 6);
      } finally {
        await store.close();
      }
    } finally {
      dir.remove();
    }
  });

  it('refuses --workers with --in-memory', async () => {
    await assert.rejects(spawnWarden(['--in-memory', '--workers', '2']), /--workers needs a data dir/);
  });
});
