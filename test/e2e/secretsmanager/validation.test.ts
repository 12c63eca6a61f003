import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  BatchGetSecretValueCommand,
  CancelRotateSecretCommand,
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  ListSecretVersionIdsCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  RemoveRegionsFromReplicationCommand,
  ReplicateSecretToRegionsCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { CreateKeyCommand, DisableKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { ManualClock } from '../../../src/core/clock.js';
import { startTestWarden, type Running } from '../../harness.js';
import { rejects } from '../../sdk-errors.js';
import { BUILTIN } from './helpers.js';

const DAY = 86_400_000;
const BAD_NAME = 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!';

describe('secretsmanager documented validation: AWS errors, state unchanged', () => {
  let w: Running;
  let clock: ManualClock;
  let offset = 0;
  const sm = (): SecretsManagerClient => w.client(SecretsManagerClient, { systemClockOffset: offset });
  const stagesOf = async (SecretId: string) => (await sm().send(new DescribeSecretCommand({ SecretId }))).VersionIdsToStages ?? {};

  before(async () => {
    clock = new ManualClock(Date.now());
    w = await startTestWarden([], { clock });
  });
  after(() => w.stop());

  it('CreateSecret: names of other characters are a ValidationException; every allowed symbol works', async () => {
    for (const Name of ['has space', 'semi;colon', 'star*', 'ünï', 'a#b']) {
      await rejects(sm().send(new CreateSecretCommand({ Name, SecretString: 'x' })), 'ValidationException', BAD_NAME);
      await rejects(sm().send(new DescribeSecretCommand({ SecretId: Name })), 'ResourceNotFoundException');
    }
    assert.equal((await w.lastEvent('CreateSecret')).errorCode, 'ValidationException');
    const ok = await sm().send(new CreateSecretCommand({ Name: 'v/a_b+c=d.e@f-g!h', SecretString: 'x' }));
    assert.equal(ok.Name, 'v/a_b+c=d.e@f-g!h');
    // Both values at once, or an over-long one: nothing created.
    await rejects(sm().send(new CreateSecretCommand({ Name: 'v/both', SecretString: 'x', SecretBinary: new Uint8Array([1]) })), 'InvalidParameterException');
    await rejects(sm().send(new CreateSecretCommand({ Name: 'v/both', Description: 'd'.repeat(2049) })), 'ValidationException');
    await rejects(sm().send(new CreateSecretCommand({ Name: 'v/both', SecretString: 'x', ClientRequestToken: 'too-short' })), 'ValidationException');
    await rejects(sm().send(new DescribeSecretCommand({ SecretId: 'v/both' })), 'ResourceNotFoundException');
  });

  it('sizes: values over 65,536 bytes, policies over 20,480 characters, tokens under 32: ValidationException, nothing changed', async () => {
    await sm().send(new CreateSecretCommand({ Name: 'v/size', SecretString: 'small' }));
    await rejects(sm().send(new PutSecretValueCommand({ SecretId: 'v/size', SecretString: 'x'.repeat(65_537) })), 'ValidationException');
    await rejects(sm().send(new PutSecretValueCommand({ SecretId: 'v/size', SecretBinary: new Uint8Array(65_537) })), 'ValidationException');
    await rejects(sm().send(new UpdateSecretCommand({ SecretId: 'v/size', SecretString: 'x'.repeat(65_537) })), 'ValidationException');
    await rejects(sm().send(new PutSecretValueCommand({ SecretId: 'v/size', SecretString: 'y', ClientRequestToken: 'short' })), 'ValidationException');
    await rejects(sm().send(new PutResourcePolicyCommand({ SecretId: 'v/size', ResourcePolicy: ' '.repeat(20_481) })), 'ValidationException');
    assert.equal((await sm().send(new PutSecretValueCommand({ SecretId: 'v/size', SecretString: 'x'.repeat(65_536) }))).VersionStages![0], 'AWSCURRENT');
    const versions = (await sm().send(new ListSecretVersionIdsCommand({ SecretId: 'v/size' }))).Versions!;
    assert.equal(versions.length, 2);
  });

  it('UpdateSecretVersionStage: bad moves are InvalidParameterException and leave the labels as they were', async () => {
    const c = await sm().send(new CreateSecretCommand({ Name: 'v/stage', SecretString: 'one' }));
    const v2 = (await sm().send(new PutSecretValueCommand({ SecretId: 'v/stage', SecretString: 'two', VersionStages: ['TEST'] }))).VersionId!;
    const before = await stagesOf('v/stage');
    assert.deepEqual(before, { [c.VersionId!]: ['AWSCURRENT'], [v2]: ['TEST'] });
    const bad = [
      // AWSCURRENT is on another version: RemoveFromVersionId must name it.
      { VersionStage: 'AWSCURRENT', MoveToVersionId: v2 },
      // RemoveFromVersionId that does not hold the label.
      { VersionStage: 'TEST', MoveToVersionId: c.VersionId!, RemoveFromVersionId: c.VersionId! },
      // AWSCURRENT can be moved, never just removed.
      { VersionStage: 'AWSCURRENT', RemoveFromVersionId: c.VersionId! },
      // A version that does not exist.
      { VersionStage: 'TEST', MoveToVersionId: '00000000-0000-0000-0000-000000000000', RemoveFromVersionId: v2 },
    ];
    for (const input of bad) {
      await rejects(sm().send(new UpdateSecretVersionStageCommand({ SecretId: 'v/stage', ...input })), 'InvalidParameterException');
      assert.deepEqual(await stagesOf('v/stage'), before, JSON.stringify(input));
    }
    await rejects(sm().send(new UpdateSecretVersionStageCommand({ SecretId: 'v/none', VersionStage: 'X', MoveToVersionId: v2 })), 'ResourceNotFoundException');
    // The right move works, and AWSPREVIOUS follows.
    await sm().send(new UpdateSecretVersionStageCommand({ SecretId: 'v/stage', VersionStage: 'AWSCURRENT', MoveToVersionId: v2, RemoveFromVersionId: c.VersionId! }));
    assert.deepEqual(await stagesOf('v/stage'), { [c.VersionId!]: ['AWSPREVIOUS'], [v2]: ['TEST', 'AWSCURRENT'] });
  });

  it('staging labels: at most 20 on a secret (LimitExceededException), 20 per request (model), state unchanged', async () => {
    await sm().send(new CreateSecretCommand({ Name: 'v/labels', SecretString: 'x' }));
    const v = (await sm().send(new PutSecretValueCommand({ SecretId: 'v/labels', SecretString: 'y', VersionStages: Array.from({ length: 19 }, (_, i) => `L${i}`) }))).VersionId!;
    // AWSCURRENT + 19 = 20 labels.
    await rejects(sm().send(new UpdateSecretVersionStageCommand({ SecretId: 'v/labels', VersionStage: 'L19', MoveToVersionId: v })), 'LimitExceededException');
    await rejects(sm().send(new PutSecretValueCommand({ SecretId: 'v/labels', SecretString: 'z', VersionStages: ['EXTRA'] })), 'LimitExceededException');
    const stages = await stagesOf('v/labels');
    assert.equal(Object.values(stages).flat().length, 20);
    assert.equal(Object.keys(stages).length, 2);
    await rejects(sm().send(new PutSecretValueCommand({ SecretId: 'v/labels', SecretString: 'z', VersionStages: Array.from({ length: 21 }, (_, i) => `M${i}`) })), 'ValidationException');
    // Moving an existing label is no new label.
    await sm().send(new UpdateSecretVersionStageCommand({ SecretId: 'v/labels', VersionStage: 'L0', MoveToVersionId: (await sm().send(new GetSecretValueCommand({ SecretId: 'v/labels', VersionStage: 'AWSCURRENT' }))).VersionId!, RemoveFromVersionId: v }));
  });

  it('versions: past 100 (none older than 24 h to remove) PutSecretValue is LimitExceededException; a day later old ones go', async () => {
    await sm().send(new CreateSecretCommand({ Name: 'v/many', SecretString: 'v0' }));
    for (let i = 1; i < 100; i++) await sm().send(new PutSecretValueCommand({ SecretId: 'v/many', SecretString: `v${i}` }));
    const count = async () => (await sm().send(new ListSecretVersionIdsCommand({ SecretId: 'v/many', IncludeDeprecated: true, MaxResults: 100 }))).Versions!.length;
    assert.equal(await count(), 100);
    await rejects(sm().send(new PutSecretValueCommand({ SecretId: 'v/many', SecretString: 'v100' })), 'LimitExceededException');
    await rejects(sm().send(new UpdateSecretCommand({ SecretId: 'v/many', SecretString: 'v100' })), 'LimitExceededException');
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: 'v/many' }))).SecretString, 'v99');
    assert.equal(await count(), 100);
    clock.advance(DAY + 1000);
    offset += DAY + 1000;
    await sm().send(new PutSecretValueCommand({ SecretId: 'v/many', SecretString: 'v100' }));
    assert.equal(await count(), 100);
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: 'v/many' }))).SecretString, 'v100');
  });

  it('paging and ranges: MaxResults out of range is ValidationException; garbage NextToken InvalidNextTokenException', async () => {
    await rejects(sm().send(new ListSecretsCommand({ MaxResults: 0 })), 'ValidationException');
    await rejects(sm().send(new ListSecretsCommand({ MaxResults: 101 })), 'ValidationException');
    await rejects(sm().send(new ListSecretVersionIdsCommand({ SecretId: 'v/stage', MaxResults: 101 })), 'ValidationException');
    await rejects(sm().send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['v'] }], MaxResults: 21 })), 'ValidationException');
    for (const NextToken of ['garbage', 'bzo5OTk5', 'x'.repeat(300)]) {
      await rejects(sm().send(new ListSecretsCommand({ NextToken })), 'InvalidNextTokenException');
      await rejects(sm().send(new ListSecretVersionIdsCommand({ SecretId: 'v/stage', NextToken })), 'InvalidNextTokenException');
      await rejects(sm().send(new BatchGetSecretValueCommand({ Filters: [{ Key: 'name', Values: ['v'] }], NextToken })), 'InvalidNextTokenException');
    }
    await rejects(sm().send(new ListSecretsCommand({ Filters: [{ Key: 'nope' as never, Values: ['x'] }] })), 'ValidationException');
    await rejects(sm().send(new GetRandomPasswordCommand({ PasswordLength: 0 })), 'ValidationException');
    await rejects(sm().send(new GetRandomPasswordCommand({ PasswordLength: 4097 })), 'ValidationException');
  });

  it('rotation schedules and deletion windows: InvalidParameterException, nothing changed', async () => {
    await sm().send(new CreateSecretCommand({ Name: 'v/rot', SecretString: 'x' }));
    for (const RotationRules of [{ ScheduleExpression: 'rate(0 days)' }, { ScheduleExpression: 'cron(0 0 * * *)' }, { ScheduleExpression: 'rate(3 weeks)' }]) {
      await rejects(sm().send(new RotateSecretCommand({ SecretId: 'v/rot', RotationLambdaARN: BUILTIN, RotationRules })), 'InvalidParameterException');
    }
    await rejects(sm().send(new RotateSecretCommand({ SecretId: 'v/rot', RotationLambdaARN: BUILTIN, RotationRules: { AutomaticallyAfterDays: 1001 } })), 'ValidationException');
    const d = await sm().send(new DescribeSecretCommand({ SecretId: 'v/rot' }));
    assert.equal(d.RotationEnabled, undefined);
    assert.deepEqual(Object.values(d.VersionIdsToStages!), [['AWSCURRENT']]);
    for (const RecoveryWindowInDays of [6, 31]) {
      await rejects(sm().send(new DeleteSecretCommand({ SecretId: 'v/rot', RecoveryWindowInDays })), 'InvalidParameterException');
    }
    assert.equal((await sm().send(new DescribeSecretCommand({ SecretId: 'v/rot' }))).DeletedDate, undefined);
    // A secret scheduled for deletion: reads and writes are InvalidRequestException.
    await sm().send(new DeleteSecretCommand({ SecretId: 'v/rot', RecoveryWindowInDays: 7 }));
    await rejects(sm().send(new UpdateSecretCommand({ SecretId: 'v/rot', Description: 'd' })), 'InvalidRequestException');
    await rejects(sm().send(new RotateSecretCommand({ SecretId: 'v/rot', RotationLambdaARN: BUILTIN })), 'InvalidRequestException');
    await rejects(sm().send(new CreateSecretCommand({ Name: 'v/rot', SecretString: 'again' })), 'InvalidRequestException');
  });

  it('tags: more than 50, or one key twice, is refused and the tags stay', async () => {
    await sm().send(new CreateSecretCommand({ Name: 'v/tags', SecretString: 'x', Tags: [{ Key: 'a', Value: '1' }] }));
    const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await rejects(sm().send(new TagResourceCommand({ SecretId: 'v/tags', Tags: many })), 'InvalidParameterException');
    await rejects(sm().send(new TagResourceCommand({ SecretId: 'v/tags', Tags: [{ Key: 'b', Value: '1' }, { Key: 'b', Value: '2' }] })), 'InvalidParameterException');
    await rejects(sm().send(new TagResourceCommand({ SecretId: 'v/tags', Tags: [{ Key: 'k'.repeat(129), Value: '1' }] })), 'ValidationException');
    assert.deepEqual((await sm().send(new DescribeSecretCommand({ SecretId: 'v/tags' }))).Tags, [{ Key: 'a', Value: '1' }]);
  });

  it('UpdateSecret / CreateSecret: token reuse with another value, both values, an unusable key: errors, nothing changed', async () => {
    const token = 'a'.repeat(32);
    await sm().send(new CreateSecretCommand({ Name: 'v/upd', SecretString: 'v1', ClientRequestToken: token }));
    // The same token and value: a no-op; another value: ResourceExistsException.
    assert.equal((await sm().send(new UpdateSecretCommand({ SecretId: 'v/upd', SecretString: 'v1', ClientRequestToken: token }))).VersionId, token);
    await rejects(sm().send(new UpdateSecretCommand({ SecretId: 'v/upd', SecretString: 'v2', ClientRequestToken: token })), 'ResourceExistsException');
    await rejects(sm().send(new UpdateSecretCommand({ SecretId: 'v/upd', SecretString: 'v2', SecretBinary: new Uint8Array([1]) })), 'InvalidParameterException');
    // A fresh client per call: the SDK re-syncs its clock to the server's real Date header.
    const kms = (): KMSClient => w.client(KMSClient, { systemClockOffset: offset });
    const key = (await kms().send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await kms().send(new DisableKeyCommand({ KeyId: key }));
    await rejects(sm().send(new UpdateSecretCommand({ SecretId: 'v/upd', SecretString: 'v3', KmsKeyId: key, Description: 'changed' })), 'EncryptionFailure');
    const d = await sm().send(new DescribeSecretCommand({ SecretId: 'v/upd' }));
    assert.deepEqual([d.KmsKeyId, d.Description, Object.keys(d.VersionIdsToStages!)], [undefined, undefined, [token]]);
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: 'v/upd' }))).SecretString, 'v1');
    await rejects(sm().send(new CreateSecretCommand({ Name: 'v/enc', SecretString: 'x', KmsKeyId: key })), 'EncryptionFailure');
    await rejects(sm().send(new DescribeSecretCommand({ SecretId: 'v/enc' })), 'ResourceNotFoundException');
    assert.equal((await w.lastEvent('CreateSecret')).errorCode, 'EncryptionFailure');
  });

  it('a secret scheduled for deletion: writes are InvalidRequestException and change nothing', async () => {
    const c = await sm().send(new CreateSecretCommand({ Name: 'v/gone', SecretString: 'x' }));
    await sm().send(new DeleteSecretCommand({ SecretId: 'v/gone', RecoveryWindowInDays: 7 }));
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::000000000000:root' }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }] });
    const MARKED = "You can't perform this operation on the secret because it was marked for deletion.";
    await rejects(sm().send(new CancelRotateSecretCommand({ SecretId: 'v/gone' })), 'InvalidRequestException', MARKED);
    await rejects(sm().send(new UpdateSecretVersionStageCommand({ SecretId: 'v/gone', VersionStage: 'X', MoveToVersionId: c.VersionId! })), 'InvalidRequestException', MARKED);
    await rejects(sm().send(new PutResourcePolicyCommand({ SecretId: 'v/gone', ResourcePolicy: policy })), 'InvalidRequestException', MARKED);
    await rejects(sm().send(new ReplicateSecretToRegionsCommand({ SecretId: 'v/gone', AddReplicaRegions: [{ Region: 'eu-west-1' }] })), 'InvalidRequestException', MARKED);
    await rejects(sm().send(new PutSecretValueCommand({ SecretId: 'v/gone', SecretString: 'y' })), 'InvalidRequestException', MARKED);
    const d = await sm().send(new DescribeSecretCommand({ SecretId: 'v/gone' }));
    assert.deepEqual(d.VersionIdsToStages, { [c.VersionId!]: ['AWSCURRENT'] });
    assert.equal(d.ReplicationStatus, undefined);
    assert.ok(d.DeletedDate instanceof Date);
  });

  it('BatchGetSecretValue: a secret whose key is disabled is a DecryptionFailure in Errors; RemoveRegionsFromReplication of a Region without a replica is refused', async () => {
    const key = (await w.client(KMSClient, { systemClockOffset: offset }).send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    await sm().send(new CreateSecretCommand({ Name: 'v/batch/ok', SecretString: 'fine' }));
    await sm().send(new CreateSecretCommand({ Name: 'v/batch/locked', SecretString: 'locked', KmsKeyId: key }));
    await w.client(KMSClient, { systemClockOffset: offset }).send(new DisableKeyCommand({ KeyId: key }));
    const out = await sm().send(new BatchGetSecretValueCommand({ SecretIdList: ['v/batch/ok', 'v/batch/locked'] }));
    assert.deepEqual(out.SecretValues!.map((v) => v.SecretString), ['fine']);
    assert.deepEqual(out.Errors!.map((e) => [e.SecretId, e.ErrorCode]), [['v/batch/locked', 'DecryptionFailure']]);
    await rejects(sm().send(new RemoveRegionsFromReplicationCommand({ SecretId: 'v/batch/ok', RemoveReplicaRegions: ['eu-west-1'] })), 'InvalidParameterException');
    assert.equal((await sm().send(new DescribeSecretCommand({ SecretId: 'v/batch/ok' }))).ReplicationStatus, undefined);
  });
});
