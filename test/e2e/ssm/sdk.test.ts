import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetParameterCommand, GetParametersByPathCommand, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { startTestWarden, type Running } from '../../harness.js';

describe('ssm Parameter Store through the AWS SDK v3', () => {
  let w: Running;
  let ssm: SSMClient;
  before(async () => {
    w = await startTestWarden();
    ssm = w.client(SSMClient);
  });
  after(() => w.stop());

  it('stores and reads String and SecureString parameters by name and path', async () => {
    const put = await ssm.send(new PutParameterCommand({ Name: '/app/db/host', Value: 'db.local', Type: 'String' }));
    assert.equal(put.Version, 1);
    await ssm.send(new PutParameterCommand({ Name: '/app/db/password', Value: 's3cret!', Type: 'SecureString' }));
    const plain = await ssm.send(new GetParameterCommand({ Name: '/app/db/password', WithDecryption: true }));
    assert.equal(plain.Parameter!.Value, 's3cret!');
    assert.equal(plain.Parameter!.Type, 'SecureString');
    assert.equal(plain.Parameter!.ARN, 'arn:aws:ssm:us-east-1:000000000000:parameter/app/db/password');
    const sealed = await ssm.send(new GetParameterCommand({ Name: '/app/db/password' }));
    assert.notEqual(sealed.Parameter!.Value, 's3cret!');
    const byPath = await ssm.send(new GetParametersByPathCommand({ Path: '/app', Recursive: true, WithDecryption: true }));
    assert.deepEqual(byPath.Parameters!.map((p) => p.Name).sort(), ['/app/db/host', '/app/db/password']);
    await assert.rejects(ssm.send(new GetParameterCommand({ Name: '/app/none' })), (e: unknown) => e instanceof ParameterNotFound);
    const ev = await w.lastEvent('PutParameter');
    assert.ok(!JSON.stringify(ev).includes('s3cret!'));
  });
});
