import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import {
  BatchGetSecretValueCommand,
  CancelRotateSecretCommand,
  CreateSecretCommand,
  DescribeSecretCommand,
  RemoveRegionsFromReplicationCommand,
  ReplicateSecretToRegionsCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  StopReplicationToReplicaCommand,
  ValidateResourcePolicyCommand,
} from '@aws-sdk/client-secrets-manager';
import { startTestWarden, type Running } from '../../harness.js';

const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] });

describe('secretsmanager: access denied, not found and audit for rotation, batch, policy and replication operations', () => {
  let w: Running;
  let sm: SecretsManagerClient;
  let nobody: SecretsManagerClient;
  before(async () => {
    w = await startTestWarden();
    sm = w.client(SecretsManagerClient);
    const iam = w.client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'nobody' }));
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'nobody' }))).AccessKey!;
    nobody = w.client(SecretsManagerClient, { credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } });
    await sm.send(new CreateSecretCommand({ Name: 'authz/s', SecretString: 'v' }));
  });
  after(() => w.stop());

  const commands = () => [
    ['CancelRotateSecret', new CancelRotateSecretCommand({ SecretId: 'authz/s' })],
    ['RotateSecret', new RotateSecretCommand({ SecretId: 'authz/s', RotationLambdaARN: 'arn:aws:lambda:us-east-1:000000000000:function:warden-random-password' })],
    ['ValidateResourcePolicy', new ValidateResourcePolicyCommand({ SecretId: 'authz/s', ResourcePolicy: POLICY })],
    ['ReplicateSecretToRegions', new ReplicateSecretToRegionsCommand({ SecretId: 'authz/s', AddReplicaRegions: [{ Region: 'us-west-2' }] })],
    ['RemoveRegionsFromReplication', new RemoveRegionsFromReplicationCommand({ SecretId: 'authz/s', RemoveReplicaRegions: ['us-west-2'] })],
    ['StopReplicationToReplica', new StopReplicationToReplicaCommand({ SecretId: 'authz/s' })],
    ['BatchGetSecretValue', new BatchGetSecretValueCommand({ SecretIdList: ['authz/s'] })],
  ] as const;

  it('a user without permissions is denied each, the denial is audited, and nothing changes', async () => {
    const before2 = await sm.send(new DescribeSecretCommand({ SecretId: 'authz/s' }));
    for (const [name, cmd] of commands()) {
      await assert.rejects(nobody.send(cmd as never), (e: Error) => {
        assert.equal(e.name, 'AccessDeniedException', name);
        assert.match(e.message, new RegExp(`is not authorized to perform: secretsmanager:${name}`));
        return true;
      });
      const ev = await w.lastEvent(name);
      assert.equal(ev.errorCode, 'AccessDeniedException', name);
      assert.equal(ev.userIdentity.userName, 'nobody');
    }
    const after2 = await sm.send(new DescribeSecretCommand({ SecretId: 'authz/s' }));
    assert.deepEqual(after2, { ...before2, $metadata: after2.$metadata });
  });

  it('an unknown secret is ResourceNotFoundException for each (BatchGetSecretValue: in Errors)', async () => {
    const missing = (c: readonly [string, object]) => {
      const input = { ...(c[1] as { input: Record<string, unknown> }).input, SecretId: 'authz/missing' };
      return input;
    };
    for (const [name, cmd] of commands()) {
      if (name === 'BatchGetSecretValue') {
        const out = await sm.send(new BatchGetSecretValueCommand({ SecretIdList: ['authz/missing'] }));
        assert.equal(out.Errors![0]!.ErrorCode, 'ResourceNotFoundException');
        continue;
      }
      const Ctor = cmd.constructor as new (input: object) => never;
      await assert.rejects(sm.send(new Ctor(missing([name, cmd]))), { name: 'ResourceNotFoundException' }, name);
      assert.equal((await w.lastEvent(name)).errorCode, 'ResourceNotFoundException');
    }
  });

  it('RotateSecret condition keys: a Deny on secretsmanager:RotateImmediately and on the secret\'s primary Region', async () => {
    const iam = w.client(IAMClient);
    await iam.send(new CreateUserCommand({ UserName: 'scheduler' }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: 'scheduler',
        PolicyName: 'p',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Action: ['secretsmanager:*', 'lambda:InvokeFunction'], Resource: '*', Condition: { StringEquals: { 'secretsmanager:SecretPrimaryRegion': 'us-east-1' } } },
            { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' },
            { Effect: 'Deny', Action: 'secretsmanager:RotateSecret', Resource: '*', Condition: { Bool: { 'secretsmanager:RotateImmediately': 'true' } } },
          ],
        }),
      }),
    );
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'scheduler' }))).AccessKey!;
    const user = w.client(SecretsManagerClient, { credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } });
    const fn = 'arn:aws:lambda:us-east-1:000000000000:function:warden-random-password';
    await assert.rejects(user.send(new RotateSecretCommand({ SecretId: 'authz/s', RotationLambdaARN: fn })), (e: Error) => e.name === 'AccessDeniedException' && /explicit deny/.test(e.message));
    const ok = await user.send(new RotateSecretCommand({ SecretId: 'authz/s', RotationLambdaARN: fn, RotateImmediately: false, RotationRules: { AutomaticallyAfterDays: 5 } }));
    assert.ok(ok.VersionId);
  });
});
