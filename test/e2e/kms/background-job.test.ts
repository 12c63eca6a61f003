import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeKeyCommand, EnableKeyRotationCommand, EncryptCommand, DecryptCommand, GetKeyRotationStatusCommand, ListKeyRotationsCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import { kms as kmsService } from '../../../src/services/kms/index.js';
import { silentLogger } from '../../../src/core/log.js';
import { ACCOUNT, createKey, lateClient, OffsetClock, rejects, useWarden } from './helpers.js';

const DAY = 86_400_000;

/** KMS's AwsServiceEvent shape (ct-delete-key.html; CloudTrail non-api-aws-service-events.html). */
function assertServiceEvent(ev: Record<string, any>, eventName: string, keyArn: string): void {
  assert.equal(ev['eventType'], 'AwsServiceEvent');
  assert.equal(ev['eventSource'], 'kms.amazonaws.com');
  assert.equal(ev['eventName'], eventName);
  assert.deepEqual(ev['userIdentity'], { accountId: ACCOUNT, invokedBy: 'AWS Internal' });
  assert.equal(ev['sourceIPAddress'], 'AWS Internal');
  assert.equal(ev['userAgent'], 'AWS Internal');
  assert.equal(ev['requestParameters'], null);
  assert.equal(ev['readOnly'], false);
  assert.equal(ev['requestID'], undefined);
  assert.equal(ev['recipientAccountId'], ACCOUNT);
  assert.deepEqual(ev['resources'], [{ ARN: keyArn, accountId: ACCOUNT, type: 'AWS::KMS::Key' }]);
}

describe('kms background job: deletions and automatic rotations', () => {
  const clock = new OffsetClock();
  const t = useWarden([], { clock });
  const job = kmsService.backgroundJobs!.find((j) => j.name === 'deletions-and-rotations')!;
  const run = () => job.run({ store: t.w.warden.store, clock, barrier: t.w.warden.barrier, config: t.w.warden.config, log: silentLogger });
  const serviceEvents = async (eventName: string) => {
    await t.w.warden.store.audit.flush();
    return (await t.w.warden.store.audit.query({ eventSource: 'kms.amazonaws.com', eventName, limit: 50 })).map((r) => JSON.parse(r.json) as Record<string, any>);
  };
  const keyRowExists = async (keyId: string) => (await t.w.warden.store.read((tx) => tx.get(`kms/${ACCOUNT}/us-east-1/key/${keyId}`))) !== undefined;

  it('deletes a key when its waiting period has passed, with the DeleteKey service event, and only then', async () => {
    const k = await createKey(t.kms);
    const keep = await createKey(t.kms);
    await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: 7 }));
    await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: keep.KeyId, PendingWindowInDays: 30 }));
    await run();
    assert.ok(await keyRowExists(k.KeyId));
    assert.ok(!(await serviceEvents('DeleteKey')).some((e) => e['resources'][0].ARN === k.Arn));
    clock.offset += 7 * DAY + 1000;
    await run();
    assert.equal(await keyRowExists(k.KeyId), false);
    assert.ok(await keyRowExists(keep.KeyId));
    const events = (await serviceEvents('DeleteKey')).filter((e) => e['resources'][0].ARN === k.Arn);
    assert.equal(events.length, 1);
    assertServiceEvent(events[0]!, 'DeleteKey', k.Arn);
    assert.deepEqual(events[0]!['responseElements'], { keyId: k.Arn });
    await rejects(lateClient(t.w, clock).send(new DescribeKeyCommand({ KeyId: k.KeyId })), 'NotFoundException');
    await run(); // nothing left to do: no second event
    assert.equal((await serviceEvents('DeleteKey')).filter((e) => e['resources'][0].ARN === k.Arn).length, 1);
  });

  it('a request of the account that finds the key past its date deletes it too, with the same event, once', async () => {
    const k = await createKey(lateClient(t.w, clock));
    await lateClient(t.w, clock).send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: 7 }));
    clock.offset += 7 * DAY + 1000;
    await createKey(lateClient(t.w, clock)); // a write request sweeps the account's due deletions
    assert.equal(await keyRowExists(k.KeyId), false);
    await run();
    const events = (await serviceEvents('DeleteKey')).filter((e) => e['resources'][0].ARN === k.Arn);
    assert.equal(events.length, 1);
    assertServiceEvent(events[0]!, 'DeleteKey', k.Arn);
  });

  it('rotates keys whose rotation date passed, with a RotateKey event each; old ciphertexts still decrypt', async () => {
    const late = lateClient(t.w, clock);
    const k = await createKey(late);
    await late.send(new EnableKeyRotationCommand({ KeyId: k.KeyId, RotationPeriodInDays: 90 }));
    const { CiphertextBlob } = await late.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('before') }));
    const next = (await late.send(new GetKeyRotationStatusCommand({ KeyId: k.KeyId }))).NextRotationDate!.getTime();
    await run();
    assert.equal((await late.send(new ListKeyRotationsCommand({ KeyId: k.KeyId }))).Rotations!.length, 0);
    clock.offset += next - clock.now() + 1000;
    await run();
    const rotations = (await late.send(new ListKeyRotationsCommand({ KeyId: k.KeyId }))).Rotations!;
    assert.deepEqual(rotations.map((r) => r.RotationType), ['AUTOMATIC']);
    const events = (await serviceEvents('RotateKey')).filter((e) => e['resources'][0].ARN === k.Arn);
    assert.equal(events.length, 1);
    assertServiceEvent(events[0]!, 'RotateKey', k.Arn);
    assert.deepEqual(events[0]!['serviceEventDetails'], { rotationType: 'AUTOMATIC', keyId: k.KeyId });
    assert.equal(Buffer.from((await late.send(new DecryptCommand({ CiphertextBlob }))).Plaintext!).toString(), 'before');
    // The next one is 90 days on; running again does nothing.
    await run();
    assert.equal((await serviceEvents('RotateKey')).filter((e) => e['resources'][0].ARN === k.Arn).length, 1);
    const status = await late.send(new GetKeyRotationStatusCommand({ KeyId: k.KeyId }));
    assert.ok(Math.abs(status.NextRotationDate!.getTime() - (next + 90 * DAY)) < 1000);
  });
});
