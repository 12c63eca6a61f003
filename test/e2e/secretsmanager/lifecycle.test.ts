import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidRequestException,
  ListSecretsCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  RestoreSecretCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ManualClock } from '../../../src/core/clock.js';
import { spawnWarden, startTestWarden, tempDir, TEST_CREDENTIALS, type Running } from '../../harness.js';
import { BUILTIN, eventually } from './helpers.js';

const DAY = 86_400_000;

describe('secretsmanager schedules: scheduled rotation and the end of the recovery window', () => {
  let w: Running;
  let clock: ManualClock;
  let offset = 0;
  // The SDK signs with the same offset as Warden's clock so signatures stay in the 5-minute window.
  const sm = (): SecretsManagerClient => w.client(SecretsManagerClient, { systemClockOffset: offset });
  const advance = (ms: number): void => {
    clock.advance(ms);
    offset += ms;
  };

  before(async () => {
    clock = new ManualClock(Date.now());
    w = await startTestWarden([], { clock });
  });
  after(() => w.stop());

  it('rotates on schedule when the next rotation window starts', async () => {
    const c = await sm().send(new CreateSecretCommand({ Name: 'sched/a', SecretString: 'first' }));
    await sm().send(new RotateSecretCommand({ SecretId: 'sched/a', RotationLambdaARN: BUILTIN, RotateImmediately: false, RotationRules: { AutomaticallyAfterDays: 2 } }));
    await eventually('configuration test', () => w.lastEvent('TestRotationSucceeded').catch(() => undefined), (e) => e?.additionalEventData?.SecretId === c.ARN);
    const d = await sm().send(new DescribeSecretCommand({ SecretId: 'sched/a' }));
    const next = d.NextRotationDate!.getTime();
    // Two days after configuration, at the start of that UTC day.
    assert.equal(next, Math.floor(clock.now() / DAY) * DAY + 2 * DAY);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: 'sched/a' }))).SecretString, 'first', 'not before the window');
    advance(next - clock.now() + 1000);
    const rotated = await eventually('scheduled rotation', () => sm().send(new GetSecretValueCommand({ SecretId: 'sched/a' })), (g) => g.SecretString !== 'first');
    assert.equal(rotated.SecretString!.length, 32);
    const ev = await eventually('RotationSucceeded', () => w.lastEvent('RotationSucceeded').catch(() => undefined), (e) => e?.additionalEventData?.SecretId === c.ARN);
    assert.equal(ev!.eventType, 'AwsServiceEvent');
    const after2 = await eventually('next window', () => sm().send(new DescribeSecretCommand({ SecretId: 'sched/a' })), (x) => x.LastRotatedDate !== undefined);
    assert.equal(after2.NextRotationDate!.getTime(), Math.floor(clock.now() / DAY) * DAY + 2 * DAY);
  });

  it('with AutomaticallyAfterDays, a manual PutSecretValue counts as a rotation: the interval restarts', async () => {
    const c = await sm().send(new CreateSecretCommand({ Name: 'sched/manual', SecretString: 'm1' }));
    await sm().send(new RotateSecretCommand({ SecretId: 'sched/manual', RotationLambdaARN: BUILTIN, RotateImmediately: false, RotationRules: { AutomaticallyAfterDays: 3 } }));
    await eventually('configuration test', () => w.lastEvent('TestRotationSucceeded').catch(() => undefined), (e) => e?.additionalEventData?.SecretId === c.ARN);
    const first = (await sm().send(new DescribeSecretCommand({ SecretId: 'sched/manual' }))).NextRotationDate!.getTime();
    advance(DAY);
    await sm().send(new PutSecretValueCommand({ SecretId: 'sched/manual', SecretString: 'm2' }));
    const second = (await sm().send(new DescribeSecretCommand({ SecretId: 'sched/manual' }))).NextRotationDate!.getTime();
    assert.equal(second, first + DAY);
  });

  it('a secret pending deletion refuses access, is listed only with IncludePlannedDeletion, and is deleted when the window ends', async () => {
    const c = await sm().send(new CreateSecretCommand({ Name: 'gone/a', SecretString: 'v' }));
    const del = await sm().send(new DeleteSecretCommand({ SecretId: 'gone/a', RecoveryWindowInDays: 7 }));
    assert.equal(del.DeletionDate!.getTime(), Math.floor(clock.now() / 1000) * 1000 + 7 * DAY);
    for (const cmd of [new GetSecretValueCommand({ SecretId: 'gone/a' }), new PutSecretValueCommand({ SecretId: 'gone/a', SecretString: 'w' })]) {
      await assert.rejects(sm().send(cmd as GetSecretValueCommand), (e: Error) => {
        assert.ok(e instanceof InvalidRequestException);
        assert.equal(e.message, "You can't perform this operation on the secret because it was marked for deletion.");
        return true;
      });
    }
    const d = await sm().send(new DescribeSecretCommand({ SecretId: 'gone/a' }));
    assert.ok(d.DeletedDate instanceof Date);
    const names = async (planned: boolean) => (await sm().send(new ListSecretsCommand({ IncludePlannedDeletion: planned }))).SecretList!.map((s) => s.Name);
    assert.ok(!(await names(false)).includes('gone/a'));
    assert.ok((await names(true)).includes('gone/a'));
    const start = await w.lastEvent('StartSecretVersionDelete');
    assert.equal(start.additionalEventData.SecretId, c.ARN);
    assert.equal(start.serviceEventDetails.versionId, c.VersionId);
    // Restore and delete again: the window starts over.
    await sm().send(new RestoreSecretCommand({ SecretId: 'gone/a' }));
    const cancel = await w.lastEvent('CancelSecretVersionDelete');
    assert.equal(cancel.additionalEventData.SecretId, c.ARN);
    assert.equal(cancel.eventType, 'AwsServiceEvent');
    assert.equal((await sm().send(new GetSecretValueCommand({ SecretId: 'gone/a' }))).SecretString, 'v');
    await sm().send(new DeleteSecretCommand({ SecretId: 'gone/a', RecoveryWindowInDays: 7 }));
    advance(7 * DAY + 1000);
    await eventually('purge', () => w.lastEvent('EndSecretVersionDelete').catch(() => undefined), (e) => e?.additionalEventData?.SecretId === c.ARN);
    await assert.rejects(sm().send(new DescribeSecretCommand({ SecretId: 'gone/a' })), ResourceNotFoundException);
    assert.ok(!(await names(true)).includes('gone/a'));
    const ev = await w.lastEvent('EndSecretVersionDelete');
    assert.equal(ev.eventType, 'AwsServiceEvent');
    assert.equal(ev.serviceEventDetails.versionId, c.VersionId);
    // The name is free again, with a new ARN suffix.
    const again = await sm().send(new CreateSecretCommand({ Name: 'gone/a', SecretString: 'new' }));
    assert.notEqual(again.ARN, c.ARN);
  });
});

describe('secretsmanager schedules survive a restart (sqlite)', () => {
  it('keeps rotation configuration, the next window and a pending deletion', async () => {
    const dir = tempDir();
    const client = (url: string) => new SecretsManagerClient({ endpoint: url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
    try {
      let p = await spawnWarden(['--data-dir', dir.path]);
      let sm = client(p.url);
      await sm.send(new CreateSecretCommand({ Name: 'keep/rot', SecretString: 'v' }));
      await sm.send(new RotateSecretCommand({ SecretId: 'keep/rot', RotationLambdaARN: BUILTIN, RotateImmediately: false, RotationRules: { AutomaticallyAfterDays: 10 } }));
      await sm.send(new CreateSecretCommand({ Name: 'keep/del', SecretString: 'v' }));
      const del = await sm.send(new DeleteSecretCommand({ SecretId: 'keep/del', RecoveryWindowInDays: 9 }));
      const before2 = await eventually('test rotation', () => sm.send(new DescribeSecretCommand({ SecretId: 'keep/rot' })), (d) => Object.keys(d.VersionIdsToStages ?? {}).length === 1 && d.NextRotationDate !== undefined);
      assert.equal(await p.stop(), 0);
      p = await spawnWarden(['--data-dir', dir.path]);
      sm = client(p.url);
      const rot = await sm.send(new DescribeSecretCommand({ SecretId: 'keep/rot' }));
      assert.equal(rot.RotationEnabled, true);
      assert.equal(rot.NextRotationDate!.getTime(), before2.NextRotationDate!.getTime());
      const gone = await sm.send(new DescribeSecretCommand({ SecretId: 'keep/del' }));
      assert.ok(gone.DeletedDate instanceof Date);
      await assert.rejects(sm.send(new GetSecretValueCommand({ SecretId: 'keep/del' })), InvalidRequestException);
      assert.ok(del.DeletionDate);
      assert.equal(await p.stop(), 0);
    } finally {
      dir.remove();
    }
  });
});
