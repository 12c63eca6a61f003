import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelKeyDeletionCommand, CreateAliasCommand, DescribeKeyCommand, EncryptCommand, KMSClient, ListAliasesCommand, ListKeysCommand, ScheduleKeyDeletionCommand } from '@aws-sdk/client-kms';
import type { Clock } from '../../../src/core/clock.js';
import { assertKmsEvent, createKey, rejects, useWarden } from './helpers.js';

const DAY = 86_400_000;
class OffsetClock implements Clock {
  offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
}

describe('kms ScheduleKeyDeletion', () => {
  const clock = new OffsetClock();
  const t = useWarden([], { clock });
  const meta = async (id: string) => (await t.kms.send(new DescribeKeyCommand({ KeyId: id }))).KeyMetadata!;

  it('schedules deletion 30 days out by default; the key refuses crypto meanwhile', async () => {
    const k = await createKey(t.kms);
    const before = Date.now();
    const s = await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId }));
    assert.deepEqual([s.KeyId, s.KeyState, s.PendingWindowInDays], [k.Arn, 'PendingDeletion', 30]);
    assert.ok(Math.abs(s.DeletionDate!.getTime() - (before + 30 * DAY)) < 60_000);
    const m = await meta(k.KeyId);
    assert.deepEqual([m.KeyState, m.Enabled, m.PendingDeletionWindowInDays, m.DeletionDate!.getTime()], ['PendingDeletion', false, 30, s.DeletionDate!.getTime()]);
    await rejects(t.kms.send(new EncryptCommand({ KeyId: k.KeyId, Plaintext: Buffer.from('x') })), 'KMSInvalidStateException', `${k.Arn} is pending deletion.`);
    await rejects(t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId })), 'KMSInvalidStateException', `${k.Arn} is pending deletion.`);
    const ev = await t.w.eventFor(s.$metadata.requestId!);
    assertKmsEvent(ev, 'ScheduleKeyDeletion', false, k.Arn);
    assert.deepEqual(ev['requestParameters'], { keyId: k.KeyId });
    assert.deepEqual({ ...ev['responseElements'], deletionDate: undefined }, { keyId: k.Arn, deletionDate: undefined, keyState: 'PendingDeletion', pendingWindowInDays: 30 });
  });

  it('refuses a waiting period outside 7–30 days and leaves the key as it was', async () => {
    const k = await createKey(t.kms);
    for (const days of [6, 31]) {
      await rejects(t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: days })), 'ValidationException', `PendingWindowInDays should be between 7 and 30, but it is ${days}`);
    }
    await rejects(t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: 366 })), 'ValidationException', "1 validation error detected: Value '366' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value less than or equal to 365");
    assert.equal((await meta(k.KeyId)).KeyState, 'Enabled');
  });

  it('deletes the key and its aliases for good once the waiting period has passed', async () => {
    const k = await createKey(t.kms);
    await t.kms.send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: k.KeyId }));
    await t.kms.send(new ScheduleKeyDeletionCommand({ KeyId: k.KeyId, PendingWindowInDays: 7 }));
    clock.offset += 7 * DAY + 1000;
    try {
      // A fresh client per call: the SDK re-syncs its clock to the server's Date header, which is real time.
      const late = { send: (cmd: unknown) => t.w.client(KMSClient, { systemClockOffset: clock.offset }).send(cmd as never) as Promise<any> } as KMSClient;
      await rejects(late.send(new DescribeKeyCommand({ KeyId: k.KeyId })), 'NotFoundException', `Key '${k.Arn}' does not exist`);
      await rejects(late.send(new DescribeKeyCommand({ KeyId: 'alias/doomed' })), 'NotFoundException', /alias\/doomed is not found\.$/);
      await rejects(late.send(new CancelKeyDeletionCommand({ KeyId: k.KeyId })), 'NotFoundException');
      assert.ok(!(await late.send(new ListKeysCommand({}))).Keys!.some((x) => x.KeyId === k.KeyId));
      assert.ok(!(await late.send(new ListAliasesCommand({}))).Aliases!.some((a) => a.AliasName === 'alias/doomed'));
      // The alias name is free again, and the next write removes the key's rows.
      const k2 = await createKey(late);
      await late.send(new CreateAliasCommand({ AliasName: 'alias/doomed', TargetKeyId: k2.KeyId }));
      assert.deepEqual(await t.w.warden.store.read((tx) => tx.scan(`kms/000000000000/us-east-1/key/${k.KeyId}`)), []);
      const index = await t.w.warden.store.read((tx) => tx.scan('kms/000000000000/us-east-1/deletion/'));
      assert.ok(!index.some((e) => e.key.endsWith(k.KeyId)));
    } finally {
      clock.offset = 0;
    }
  });

  it("refuses another account's root", async () => {
    const k = await createKey(t.kms);
    await rejects(t.other.send(new ScheduleKeyDeletionCommand({ KeyId: k.Arn })), 'AccessDeniedException', /kms:ScheduleKeyDeletion on resource/);
    assert.equal((await meta(k.KeyId)).KeyState, 'Enabled');
  });
});
