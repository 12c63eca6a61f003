import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { startTestWarden, type Running } from '../../harness.js';

describe('secretsmanager through the AWS SDK v3', () => {
  let w: Running;
  let sm: SecretsManagerClient;
  before(async () => {
    w = await startTestWarden();
    sm = w.client(SecretsManagerClient);
  });
  after(() => w.stop());

  it('creates, reads, rotates versions by hand and deletes a secret', async () => {
    const created = await sm.send(new CreateSecretCommand({ Name: 'sdk/db', SecretString: '{"password":"hunter2"}' }));
    assert.match(created.ARN!, /^arn:aws:secretsmanager:us-east-1:000000000000:secret:sdk\/db-[A-Za-z0-9]{6}$/);
    const got = await sm.send(new GetSecretValueCommand({ SecretId: 'sdk/db' }));
    assert.equal(got.SecretString, '{"password":"hunter2"}');
    assert.deepEqual(got.VersionStages, ['AWSCURRENT']);
    assert.ok(got.CreatedDate instanceof Date);

    const put = await sm.send(new PutSecretValueCommand({ SecretId: created.ARN, SecretBinary: new Uint8Array([1, 2, 3]) }));
    const now = await sm.send(new GetSecretValueCommand({ SecretId: 'sdk/db' }));
    assert.deepEqual([...now.SecretBinary!], [1, 2, 3]);
    assert.equal(now.VersionId, put.VersionId);
    const previous = await sm.send(new GetSecretValueCommand({ SecretId: 'sdk/db', VersionStage: 'AWSPREVIOUS' }));
    assert.equal(previous.SecretString, '{"password":"hunter2"}');
    const versions = await sm.send(new ListSecretVersionIdsCommand({ SecretId: 'sdk/db' }));
    assert.equal(versions.Versions!.length, 2);

    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'sdk/db' }));
    assert.equal(described.Name, 'sdk/db');
    await sm.send(new DeleteSecretCommand({ SecretId: 'sdk/db', ForceDeleteWithoutRecovery: true }));
    await assert.rejects(sm.send(new GetSecretValueCommand({ SecretId: 'sdk/db' })), (e: unknown) => {
      assert.ok(e instanceof ResourceNotFoundException);
      assert.equal(e.message, "Secrets Manager can't find the specified secret.");
      return true;
    });
    const ev = await w.lastEvent('PutSecretValue');
    assert.ok(!JSON.stringify(ev).includes('AQID'), 'the binary value (base64 AQID) is never logged');
  });
});
